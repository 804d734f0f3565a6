package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.IsoDate;

import java.time.LocalDate;
import java.util.List;

/**
 * An application for credit repair of a wage-arrears listing (MOHRSS Order 45, early removal):
 * filed by the bureau of the region where the enterprise is registered after the enterprise paid
 * the wages, decided by the listing region (docs/objections.md).
 *
 * @param id                 the application transaction's ID
 * @param listingId          the listing
 * @param uscc               the enterprise
 * @param applyingRegion     region where the enterprise is registered
 * @param decidingRegion     the listing region
 * @param wagesPaid          the arrears paid in full (a condition: always true on the ledger)
 * @param rectificationDate  rectification completed on
 * @param pledgeDocumentHash SHA-256 of the enterprise's written credit pledge
 * @param evidenceHashes     SHA-256 of the proof of payment and other documents
 * @param earliestOn         first day the repair could be applied for (six months on the list after rectification)
 * @param appliedOn          Asia/Shanghai date of the application (transaction time)
 * @param appliedAt          ISO-8601 instant
 * @param appliedBy          "MSPID/account"
 * @param appliedByRole      the applicant's role attribute
 * @param status             PENDING, GRANTED or REFUSED
 * @param decision           the decision, once made
 */
public record CreditRepair(String id, String listingId, String uscc, String applyingRegion, String decidingRegion,
                           boolean wagesPaid, String rectificationDate, String pledgeDocumentHash,
                           List<String> evidenceHashes, String earliestOn, String appliedOn, String appliedAt,
                           String appliedBy, String appliedByRole, Status status, Decision decision) {

    public enum Status { PENDING, GRANTED, REFUSED }

    /** Months the enterprise must have stayed on the list since rectification (Order 45). */
    public static final int MONTHS_LISTED_AFTER_RECTIFICATION = 6;

    /**
     * The first day early removal may be applied for: six months on the list counted from
     * rectification, that is from the later of the rectification and the listing.
     */
    public static LocalDate earliest(LocalDate listedOn, LocalDate rectified) {
        LocalDate from = rectified.isAfter(listedOn) ? rectified : listedOn;
        return from.plusMonths(MONTHS_LISTED_AFTER_RECTIFICATION);
    }

    /**
     * @param outcome       GRANTED or REFUSED
     * @param reason        why, short free text without personal data
     * @param decidedOn     Asia/Shanghai date
     * @param decidedAt     ISO-8601 instant
     * @param decidedBy     "MSPID/account"
     * @param decidedByRole the decider's role attribute
     */
    public record Decision(Status outcome, String reason, String decidedOn, String decidedAt, String decidedBy,
                           String decidedByRole) {
    }

    /**
     * What a bureau applies with.
     *
     * @param listingId          the listing
     * @param wagesPaid          must be true
     * @param rectificationDate  yyyy-MM-dd
     * @param pledgeDocumentHash SHA-256 of the written pledge (required)
     * @param evidenceHashes     0 to 10 SHA-256
     */
    public record Input(String listingId, boolean wagesPaid, String rectificationDate, String pledgeDocumentHash,
                        List<String> evidenceHashes) {

        public Input {
            listingId = CreditInputs.text("listingId", listingId, 128);
            rectificationDate = IsoDate.parse("rectificationDate", rectificationDate).toString();
            pledgeDocumentHash = CreditInputs.sha256Hex("pledgeDocumentHash", pledgeDocumentHash);
            evidenceHashes = Objection.evidence(evidenceHashes);
        }
    }

    /** The listing region's decision: GRANTED or REFUSED, with a reason. */
    public record DecisionInput(Status outcome, String reason) {

        public DecisionInput {
            CreditInputs.required("outcome", outcome);
            if (outcome == Status.PENDING) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        "outcome PENDING is not a decision; give GRANTED or REFUSED");
            }
            reason = Objection.text("reason", reason);
        }
    }

    public CreditRepair decided(Decision d) {
        return new CreditRepair(id, listingId, uscc, applyingRegion, decidingRegion, wagesPaid, rectificationDate,
                pledgeDocumentHash, evidenceHashes, earliestOn, appliedOn, appliedAt, appliedBy, appliedByRole,
                d.outcome(), d);
    }
}
