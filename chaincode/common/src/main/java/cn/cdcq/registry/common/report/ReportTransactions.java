package cn.cdcq.registry.common.report;

/**
 * The names of the report contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class ReportTransactions {

    public static final String CONTRACT = "report";

    public static final String FILE_REPORT = "fileReport";
    public static final String CORRECT_REPORT = "correctReport";
    public static final String GET_REPORT = "getReport";
    public static final String GET_REPORT_HISTORY = "getReportHistory";
    public static final String LIST_REPORTS = "listReports";
    public static final String LIST_LATE = "listLate";
    public static final String GET_PERIOD_TOTALS = "getPeriodTotals";
    public static final String SET_SELF_FILING = "setSelfFiling";
    public static final String GET_SELF_FILING = "getSelfFiling";

    private ReportTransactions() {
    }
}
