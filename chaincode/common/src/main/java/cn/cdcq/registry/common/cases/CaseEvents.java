package cn.cdcq.registry.common.cases;

import java.util.List;

/**
 * The chaincode events of cross-region cases and the working-day calendar: each name, and the
 * record its payload is (absent fields are null). Workers are never named, complaints by id.
 */
public final class CaseEvents {

    public static final String CALENDAR_SET = "CalendarSet";
    public static final String CASE_SETTINGS_SET = "CaseSettingsSet";
    public static final String COMPLAINT_FILED = "ComplaintFiled";
    public static final String COMPLAINT_TRANSFERRED = "ComplaintTransferred";
    public static final String COMPLAINT_ACCEPTED = "ComplaintAccepted";
    public static final String COMPLAINT_DECLINED = "ComplaintDeclined";
    public static final String COMPLAINT_CLOSED = "ComplaintClosed";
    public static final String ASSIST_REQUESTED = "AssistRequested";
    public static final String ASSIST_ANSWERED = "AssistAnswered";
    public static final String OVERDUE_FLAGGED = "OverdueFlagged";

    private CaseEvents() {
    }

    /** {@value #CALENDAR_SET}: the year and how many days it lists of each kind. */
    public record CalendarSet(int year, int holidays, int adjustedWorkingDays) {
    }

    /** {@value #CASE_SETTINGS_SET}. */
    public record CaseSettingsSet(int acceptanceWorkingDays, int assistWorkingDays) {
    }

    /** {@value #COMPLAINT_FILED}, or {@value #COMPLAINT_TRANSFERRED} when the employer is of the other region. */
    public record ComplaintFiled(String complaintId, String employerUscc, ComplaintCategory category,
                                 String fromRegion, String toRegion, String acceptanceDueOn) {
    }

    /**
     * {@value #COMPLAINT_ACCEPTED}, {@value #COMPLAINT_DECLINED} and {@value #COMPLAINT_CLOSED}
     * (with its outcome); {@code late} when past the acceptance deadline.
     */
    public record ComplaintDecided(String complaintId, String employerUscc, String fromRegion, String toRegion,
                                   Complaint.Status status, boolean late, Complaint.Outcome outcome) {
    }

    /** {@value #ASSIST_REQUESTED}. */
    public record AssistRequested(String requestId, AssistRequest.Kind kind, String uscc, String fromRegion,
                                  String toRegion, String dueOn) {
    }

    /** {@value #ASSIST_ANSWERED}. */
    public record AssistAnswered(String requestId, String fromRegion, String toRegion, boolean late) {
    }

    /** {@value #OVERDUE_FLAGGED}: what one sweep marked overdue, by id. */
    public record OverdueFlagged(String today, List<String> noticeViolationIds, List<String> complaintIds,
                                 List<String> assistRequestIds) {
    }
}
