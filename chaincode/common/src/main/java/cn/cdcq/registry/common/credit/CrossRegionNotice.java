package cn.cdcq.registry.common.credit;

import java.time.LocalDate;
/**
 * What a region owes the other when it records a violation against an enterprise registered
 * there: a notice the other region must acknowledge on the ledger, at once for a major case
 * (due the day of recording) and otherwise by the end of the quarter of recording.
 *
 * @param violationId     the violation (one notice per violation)
 * @param uscc            the enterprise
 * @param fromRegion      the recording region
 * @param toRegion        the enterprise's region, which must acknowledge
 * @param major           major case
 * @param createdOn       Asia/Shanghai date of recording
 * @param dueOn           last day to acknowledge
 * @param acknowledgedAt  instant of acknowledgement, null while pending
 * @param acknowledgedBy  who acknowledged ("MSPID/account")
 * @param overdueFlaggedOn date the overdue sweep flagged it, if it did
 */
public record CrossRegionNotice(String violationId, String uscc, String fromRegion, String toRegion, boolean major,
                                String createdOn, String dueOn, String acknowledgedAt, String acknowledgedBy,
                                String overdueFlaggedOn) {

    /**
     * The last day to acknowledge a notice raised on {@code recordedOn}: that very day for a major
     * case, otherwise the last day of its calendar quarter.
     */
    public static LocalDate dueDate(LocalDate recordedOn, boolean major) {
        if (major) {
            return recordedOn;
        }
        int lastMonthOfQuarter = ((recordedOn.getMonthValue() - 1) / 3) * 3 + 3;
        return java.time.YearMonth.of(recordedOn.getYear(), lastMonthOfQuarter).atEndOfMonth();
    }

    public boolean pending() {
        return acknowledgedAt == null;
    }

    /** Pending past its due date on {@code today}. */
    public boolean overdueOn(LocalDate today) {
        return pending() && today.isAfter(dueDate());
    }

    public LocalDate dueDate() {
        return LocalDate.parse(dueOn);
    }

    public CrossRegionNotice acknowledged(String at, String by) {
        return new CrossRegionNotice(violationId, uscc, fromRegion, toRegion, major, createdOn, dueOn, at, by,
                overdueFlaggedOn);
    }

    public CrossRegionNotice flaggedOverdue(LocalDate on) {
        return new CrossRegionNotice(violationId, uscc, fromRegion, toRegion, major, createdOn, dueOn, acknowledgedAt,
                acknowledgedBy, on.toString());
    }
}
