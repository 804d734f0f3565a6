package cn.cdcq.registry.common.cases;

import java.time.LocalDate;
/**
 * A worker's complaint. Filed in one region against an employer registered in the other, it is
 * transferred to the region with jurisdiction, which must accept or decline it by
 * {@code acceptanceDueOn}, then investigates and closes it with an outcome.
 *
 * @param id                   the filing transaction's ID
 * @param workerPseudonym      the worker, by pseudonym only
 * @param employerUscc         the employer
 * @param category             what it is about
 * @param documentHash         SHA-256 of the complaint file
 * @param filedRegion          region where the worker complained
 * @param jurisdictionRegion   region where the employer is registered
 * @param transferred          the two differ
 * @param receivedOn           day received at the counter
 * @param filedAt              ISO-8601 instant of entry on the ledger
 * @param filedBy              account that entered it
 * @param acceptanceDueOn      last day to accept or decline
 * @param status               AWAITING_ACCEPTANCE, ACCEPTED, DECLINED, CLOSED
 * @param decidedOn            date accepted or declined
 * @param decidedBy            account
 * @param declineReason        why declined
 * @param reasonDocumentHash   SHA-256 of the written decision (decline) or investigation report (close)
 * @param outcome              how it was closed
 * @param closedOn             date closed
 * @param overdueFlaggedOn     date the overdue sweep flagged it, if it did
 */
public record Complaint(String id, String workerPseudonym, String employerUscc, ComplaintCategory category,
                        String documentHash, String filedRegion, String jurisdictionRegion, boolean transferred,
                        String receivedOn, String filedAt, String filedBy, String acceptanceDueOn, Status status,
                        String decidedOn, String decidedBy, DeclineReason declineReason, String reasonDocumentHash,
                        Outcome outcome, String closedOn, String overdueFlaggedOn) {

    /** Accepted or declined by the region with jurisdiction; an accepted complaint is closed with an outcome. */
    public enum Status { AWAITING_ACCEPTANCE, ACCEPTED, DECLINED, CLOSED }

    public enum DeclineReason {
        NOT_A_LABOR_MATTER, NO_JURISDICTION, OUTSIDE_TIME_LIMIT, DUPLICATE, INSUFFICIENT_INFORMATION,
        UNDER_ARBITRATION_OR_LITIGATION
    }

    public enum Outcome {
        UPHELD_RECTIFIED, UPHELD_PENALIZED, UPHELD_REFERRED_TO_ARBITRATION, NOT_UPHELD, WITHDRAWN_BY_WORKER
    }

    /** A complaint as filed, awaiting acceptance by the region with jurisdiction. */
    public static Complaint filed(String id, String workerPseudonym, String employerUscc, ComplaintCategory category,
                                  String documentHash, String filedRegion, String jurisdictionRegion,
                                  LocalDate receivedOn, String filedAt, String filedBy, LocalDate acceptanceDueOn) {
        return new Complaint(id, workerPseudonym, employerUscc, category, documentHash, filedRegion,
                jurisdictionRegion, !jurisdictionRegion.equals(filedRegion), receivedOn.toString(), filedAt, filedBy,
                acceptanceDueOn.toString(), Status.AWAITING_ACCEPTANCE, null, null, null, null, null, null, null);
    }

    public boolean open() {
        return status == Status.AWAITING_ACCEPTANCE || status == Status.ACCEPTED;
    }

    public boolean overdueOn(LocalDate today) {
        return status == Status.AWAITING_ACCEPTANCE && today.isAfter(acceptanceDueDate());
    }

    public LocalDate acceptanceDueDate() {
        return LocalDate.parse(acceptanceDueOn);
    }

    public Complaint decided(Status newStatus, LocalDate on, String by, DeclineReason reason, String documentHash) {
        return new Complaint(id, workerPseudonym, employerUscc, category, this.documentHash, filedRegion,
                jurisdictionRegion, transferred, receivedOn, filedAt, filedBy, acceptanceDueOn, newStatus, on.toString(), by,
                reason, documentHash, outcome, closedOn, overdueFlaggedOn);
    }

    public Complaint closed(Outcome how, LocalDate on, String reportHash) {
        return new Complaint(id, workerPseudonym, employerUscc, category, documentHash, filedRegion,
                jurisdictionRegion, transferred, receivedOn, filedAt, filedBy, acceptanceDueOn, Status.CLOSED, decidedOn,
                decidedBy, declineReason, reportHash, how, on.toString(), overdueFlaggedOn);
    }

    public Complaint flaggedOverdue(LocalDate on) {
        return new Complaint(id, workerPseudonym, employerUscc, category, documentHash, filedRegion,
                jurisdictionRegion, transferred, receivedOn, filedAt, filedBy, acceptanceDueOn, status, decidedOn,
                decidedBy, declineReason, reasonDocumentHash, outcome, closedOn, on.toString());
    }
}
