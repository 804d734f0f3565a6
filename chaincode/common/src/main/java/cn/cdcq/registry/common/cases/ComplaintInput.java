package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.Uscc;

/**
 * A worker's complaint as the bureau where it was made enters it. No free text: the worker is a
 * pseudonym, the matter a category, the statement a document hash.
 *
 * @param workerPseudonym   Holder.pseudonym of the worker's ID number
 * @param employerUscc      the employer complained about
 * @param category          what it is about
 * @param documentHash      SHA-256 of the complaint file kept by the receiving bureau
 * @param receivedOn        day the complaint was received at the counter (today if null; at most 30 days ago)
 */
public record ComplaintInput(String workerPseudonym, String employerUscc, ComplaintCategory category,
                             String documentHash, String receivedOn) {

    public ComplaintInput {
        workerPseudonym = CreditInputs.pseudonym("workerPseudonym", workerPseudonym);
        employerUscc = Uscc.validate(employerUscc);
        CreditInputs.required("category", category);
        documentHash = CreditInputs.sha256Hex("documentHash", documentHash);
        receivedOn = receivedOn == null ? null : IsoDate.parse("receivedOn", receivedOn).toString();
    }
}
