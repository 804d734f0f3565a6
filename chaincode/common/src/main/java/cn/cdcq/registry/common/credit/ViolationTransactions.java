package cn.cdcq.registry.common.credit;

/**
 * The names of the violation contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class ViolationTransactions {

    public static final String CONTRACT = "violation";

    public static final String RECORD_VIOLATION = "recordViolation";
    public static final String UPDATE_STATUS = "updateStatus";
    public static final String ACKNOWLEDGE_NOTICE = "acknowledgeNotice";
    public static final String GET_VIOLATION = "getViolation";
    public static final String LIST_VIOLATIONS = "listViolations";
    public static final String GET_NOTICE = "getNotice";
    public static final String LIST_NOTICES = "listNotices";
    public static final String LIST_OVERDUE_NOTICES = "listOverdueNotices";

    private ViolationTransactions() {
    }
}
