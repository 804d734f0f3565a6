package cn.cdcq.registry.common.cases;

/**
 * The names of the calendar contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class CalendarTransactions {

    public static final String CONTRACT = "calendar";

    public static final String GET_CALENDAR = "getCalendar";
    public static final String GET_CASE_SETTINGS = "getCaseSettings";
    public static final String ADD_WORKING_DAYS = "addWorkingDays";

    private CalendarTransactions() {
    }
}
