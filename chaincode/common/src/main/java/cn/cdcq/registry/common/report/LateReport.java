package cn.cdcq.registry.common.report;

/**
 * A platform enterprise whose report for a quarter is late: {@link Status#MISSING} when none was
 * filed and the due date has passed, {@link Status#FILED_LATE} when version 1 was filed after it.
 *
 * @param uscc       the platform enterprise
 * @param name       its registered name
 * @param regionCode the region it is registered in (whose bureau files its reports)
 * @param period     the quarter
 * @param dueOn      the last day the report was on time
 * @param status     missing or filed late
 * @param filedAt    when version 1 was filed (FILED_LATE only)
 * @param daysLate   days from the due date to the filing (FILED_LATE) or to today (MISSING), in China
 */
public record LateReport(String uscc, String name, String regionCode, String period, String dueOn, Status status,
                         String filedAt, long daysLate) {

    public enum Status {
        MISSING,
        FILED_LATE
    }
}
