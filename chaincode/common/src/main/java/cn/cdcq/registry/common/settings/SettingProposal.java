package cn.cdcq.registry.common.settings;

import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.WorkingCalendar;

/**
 * A change to a setting both regions share, proposed by one region's bureau; in force only when
 * the other region's bureau accepts it. Until then the old value stays in force. Exactly one of
 * {@code calendar}, {@code caseSettings}, {@code clockWindow} is set, as {@code kind} says.
 *
 * @param id               the proposing transaction's ID
 * @param kind             {@link #CALENDAR}, {@link #CASE_SETTINGS} or {@link #CLOCK_WINDOW}
 * @param calendar         the proposed year's calendar (kind CALENDAR)
 * @param caseSettings     the proposed deadlines (kind CASE_SETTINGS)
 * @param clockWindow      the proposed transaction-time window (kind CLOCK_WINDOW)
 * @param proposingRegion  region of the proposing bureau
 * @param proposedBy       bureau account
 * @param proposedAt       ISO-8601 instant
 * @param status           {@link #PROPOSED}, {@link #ACCEPTED}, {@link #DECLINED} or {@link #WITHDRAWN}
 * @param decidingRegion   region that accepted, declined or withdrew
 * @param decidedBy        bureau account
 * @param decidedAt        ISO-8601 instant
 * @param reason           the reason given for declining or withdrawing
 */
public record SettingProposal(String id, String kind, WorkingCalendar calendar, CaseSettings caseSettings,
                              ClockWindow clockWindow, String proposingRegion, String proposedBy, String proposedAt,
                              String status, String decidingRegion, String decidedBy, String decidedAt, String reason) {

    public static final String CALENDAR = "CALENDAR";
    public static final String CASE_SETTINGS = "CASE_SETTINGS";
    public static final String CLOCK_WINDOW = "CLOCK_WINDOW";

    public static final String PROPOSED = "PROPOSED";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";
    public static final String WITHDRAWN = "WITHDRAWN";

    /** What the proposal changes, so two live proposals for the same thing can be told apart: e.g. CALENDAR/2026. */
    public String subject() {
        return CALENDAR.equals(kind) ? kind + "/" + calendar.year() : kind;
    }

    public SettingProposal decided(String newStatus, String region, String by, String at, String why) {
        return new SettingProposal(id, kind, calendar, caseSettings, clockWindow, proposingRegion, proposedBy,
                proposedAt, newStatus, region, by, at, why);
    }
}
