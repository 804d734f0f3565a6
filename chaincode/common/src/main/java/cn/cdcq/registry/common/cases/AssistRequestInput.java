package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;

/**
 * A request from one region's inspectors to the other's for help with an investigation.
 *
 * @param kind                what is asked
 * @param toRegion            the region asked
 * @param uscc                the enterprise concerned
 * @param complaintId         the complaint it serves, if any
 * @param requestDocumentHash SHA-256 of the request letter
 * @param sentOn              day the request was sent (today if null; at most 30 days ago, for
 *                            requests sent on paper before they were entered)
 */
public record AssistRequestInput(AssistRequest.Kind kind, String toRegion, String uscc, String complaintId,
                                 String requestDocumentHash, String sentOn) {

    public AssistRequestInput {
        CreditInputs.required("kind", kind);
        toRegion = RegionCode.validate(toRegion);
        uscc = Uscc.validate(uscc);
        complaintId = complaintId == null || complaintId.isBlank() ? null : CreditInputs.text("complaintId", complaintId, 128);
        requestDocumentHash = CreditInputs.sha256Hex("requestDocumentHash", requestDocumentHash);
        sentOn = sentOn == null ? null : IsoDate.parse("sentOn", sentOn).toString();
    }
}
