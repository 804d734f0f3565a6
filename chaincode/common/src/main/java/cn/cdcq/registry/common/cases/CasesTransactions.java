package cn.cdcq.registry.common.cases;

/**
 * The names of the cases contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class CasesTransactions {

    public static final String CONTRACT = "cases";

    public static final String FILE_COMPLAINT = "fileComplaint";
    public static final String ACCEPT_COMPLAINT = "acceptComplaint";
    public static final String DECLINE_COMPLAINT = "declineComplaint";
    public static final String CLOSE_COMPLAINT = "closeComplaint";
    public static final String GET_COMPLAINT = "getComplaint";
    public static final String LIST_COMPLAINTS = "listComplaints";
    public static final String REQUEST_ASSIST = "requestAssist";
    public static final String ANSWER_ASSIST = "answerAssist";
    public static final String GET_ASSIST_REQUEST = "getAssistRequest";
    public static final String LIST_ASSIST_REQUESTS = "listAssistRequests";
    public static final String LIST_OVERDUE = "listOverdue";
    public static final String FLAG_OVERDUE = "flagOverdue";

    private CasesTransactions() {
    }
}
