package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.Uscc;

/**
 * What an inspector submits to record a violation.
 *
 * @param uscc                 the enterprise (registered in either region)
 * @param type                 kind of violation
 * @param amountFen            amount involved (wages owed, contributions due...), in fen
 * @param workersAffected      number of workers affected (at least 1)
 * @param decisionDate         date of the inspection decision, yyyy-MM-dd
 * @param decisionDocumentHash SHA-256 of the decision document (the document stays in the archive)
 * @param major                a major case: notified to the other region at once
 * @param massIncident         a mass or extreme incident (a C condition)
 * @param status               {@code OPEN} or {@code PENALIZED} when recorded
 */
public record ViolationInput(String uscc, ViolationType type, long amountFen, int workersAffected,
                             String decisionDate, String decisionDocumentHash, boolean major, boolean massIncident,
                             ViolationStatus status) {

    public ViolationInput {
        uscc = Uscc.validate(uscc);
        CreditInputs.required("type", type);
        CreditInputs.nonNegative("amountFen", amountFen);
        if (workersAffected < 1) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "workersAffected is " + workersAffected + "; a violation affects at least 1 worker");
        }
        decisionDate = IsoDate.parse("decisionDate", decisionDate).toString();
        decisionDocumentHash = CreditInputs.sha256Hex("decisionDocumentHash", decisionDocumentHash);
        status = status == null ? ViolationStatus.OPEN : status;
        if (status != ViolationStatus.OPEN && status != ViolationStatus.PENALIZED) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "a violation is recorded as OPEN or PENALIZED, not " + status + "; change it later with updateStatus");
        }
    }
}
