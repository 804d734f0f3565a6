package cn.cdcq.registry.common.certificate;

/**
 * A case-by-case recognition: a certificate outside the catalogue submitted for recognition in
 * another region, and that region's decision with its reasons. There is one per certificate and
 * target region; a refused or withdrawn case may be submitted again, and the key history keeps
 * every earlier round.
 *
 * @param caseId            the submitting transaction's id
 * @param certificateNumber the certificate
 * @param fromRegion        the region that issued it
 * @param targetRegion      the region asked to recognize it, which decides
 * @param status            {@link Status#SUBMITTED}, {@link Status#ACCEPTED}, {@link Status#REFUSED} or {@link Status#WITHDRAWN}
 * @param submittedByRegion the region whose bureau submitted it (either)
 * @param submittedBy       "MSPID/account"
 * @param submittedAt       ISO-8601 instant
 * @param submissionNote    what the submitter says in support, free text, no personal data
 * @param decidedBy         "MSPID/account" of the deciding (or withdrawing) bureau user
 * @param decidedAt         ISO-8601 instant
 * @param reasonCode        see {@link ReasonCodes#RECOGNITION_ACCEPT}, {@link ReasonCodes#RECOGNITION_REFUSE}
 * @param reason            free text
 */
public record RecognitionDecision(String caseId, String certificateNumber, String fromRegion, String targetRegion,
                                  Status status, String submittedByRegion, String submittedBy, String submittedAt,
                                  String submissionNote, String decidedBy, String decidedAt, String reasonCode,
                                  String reason) {

    /** A submitted case is accepted, refused or withdrawn, once. */
    public enum Status { SUBMITTED, ACCEPTED, REFUSED, WITHDRAWN }

    /** A case as submitted, awaiting the target region's decision. */
    public static RecognitionDecision submitted(String caseId, String certificateNumber, String fromRegion,
                                                String targetRegion, String submittedByRegion, String submittedBy,
                                                String submittedAt, String submissionNote) {
        return new RecognitionDecision(caseId, certificateNumber, fromRegion, targetRegion, Status.SUBMITTED,
                submittedByRegion, submittedBy, submittedAt, submissionNote, null, null, null, null);
    }

    public RecognitionDecision decided(Status newStatus, String by, String at, String code, String text) {
        return new RecognitionDecision(caseId, certificateNumber, fromRegion, targetRegion, newStatus,
                submittedByRegion, submittedBy, submittedAt, submissionNote, by, at, code, text);
    }
}
