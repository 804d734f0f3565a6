package cn.cdcq.registry.common.cases;

import java.time.LocalDate;
/**
 * An assisted-investigation request between the regions, to be answered within the agreed
 * number of working days (10).
 *
 * @param id                  the requesting transaction's ID
 * @param kind                what is asked
 * @param fromRegion          requesting region
 * @param toRegion            region asked
 * @param uscc                enterprise concerned
 * @param complaintId         complaint it serves, if any
 * @param requestDocumentHash SHA-256 of the request letter
 * @param sentOn              day sent
 * @param requestedAt         ISO-8601 instant of entry
 * @param requestedBy         account
 * @param dueOn               last day to answer
 * @param status              OPEN or ANSWERED
 * @param answeredOn          date answered
 * @param answeredBy          account
 * @param answerDocumentHash  SHA-256 of the answer (evidence, proof of delivery, inquiry record)
 * @param answeredLate        answered after dueOn
 * @param overdueFlaggedOn    date the overdue sweep flagged it, if it did
 */
public record AssistRequest(String id, Kind kind, String fromRegion, String toRegion, String uscc, String complaintId,
                            String requestDocumentHash, String sentOn, String requestedAt, String requestedBy,
                            String dueOn, Status status, String answeredOn, String answeredBy,
                            String answerDocumentHash, boolean answeredLate, String overdueFlaggedOn) {

    /** Open until the region asked answers. */
    public enum Status { OPEN, ANSWERED }

    public enum Kind { EVIDENCE_COLLECTION, DOCUMENT_DELIVERY, INQUIRY }

    /** A request as sent, open until the region asked answers. */
    public static AssistRequest sent(String id, Kind kind, String fromRegion, String toRegion, String uscc,
                                     String complaintId, String requestDocumentHash, LocalDate sentOn,
                                     String requestedAt, String requestedBy, LocalDate dueOn) {
        return new AssistRequest(id, kind, fromRegion, toRegion, uscc, complaintId, requestDocumentHash,
                sentOn.toString(), requestedAt, requestedBy, dueOn.toString(), Status.OPEN, null, null, null, false,
                null);
    }

    public boolean overdueOn(LocalDate today) {
        return status == Status.OPEN && today.isAfter(LocalDate.parse(dueOn));
    }

    public AssistRequest answered(LocalDate on, String by, String answerHash) {
        return new AssistRequest(id, kind, fromRegion, toRegion, uscc, complaintId, requestDocumentHash, sentOn,
                requestedAt, requestedBy, dueOn, Status.ANSWERED, on.toString(), by, answerHash, on.isAfter(LocalDate.parse(dueOn)),
                overdueFlaggedOn);
    }

    public AssistRequest flaggedOverdue(LocalDate on) {
        return new AssistRequest(id, kind, fromRegion, toRegion, uscc, complaintId, requestDocumentHash, sentOn,
                requestedAt, requestedBy, dueOn, status, answeredOn, answeredBy, answerDocumentHash, answeredLate, on.toString());
    }
}
