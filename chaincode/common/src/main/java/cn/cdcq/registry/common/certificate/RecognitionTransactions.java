package cn.cdcq.registry.common.certificate;

/**
 * The names of the recognition contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class RecognitionTransactions {

    public static final String CONTRACT = "recognition";

    public static final String PROPOSE_RULE = "proposeRule";
    public static final String ACCEPT_RULE = "acceptRule";
    public static final String DECLINE_RULE = "declineRule";
    public static final String WITHDRAW_RULE = "withdrawRule";
    public static final String GET_RULE = "getRule";
    public static final String LIST_RULES = "listRules";
    public static final String SUBMIT_CASE = "submitCase";
    public static final String DECIDE_CASE = "decideCase";
    public static final String WITHDRAW_CASE = "withdrawCase";
    public static final String GET_CASE = "getCase";
    public static final String LIST_CASES = "listCases";

    private RecognitionTransactions() {
    }
}
