package cn.cdcq.registry.common.credit;

/**
 * The names of the spotcheck contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class SpotCheckTransactions {

    public static final String CONTRACT = "spotcheck";

    public static final String REGISTER_INSPECTOR = "registerInspector";
    public static final String CONFIRM_INSPECTOR = "confirmInspector";
    public static final String DECLARE_CONFLICT = "declareConflict";
    public static final String WITHDRAW_INSPECTOR = "withdrawInspector";
    public static final String WITHDRAW_CONFLICT = "withdrawConflict";
    public static final String LIST_INSPECTORS = "listInspectors";
    public static final String LIST_CONFLICTS = "listConflicts";
    public static final String SET_WEIGHTS = "setWeights";
    public static final String GET_WEIGHTS = "getWeights";
    public static final String OPEN_DRAW = "openDraw";
    public static final String REVEAL = "reveal";
    public static final String LAPSE_DRAW = "lapseDraw";
    public static final String CONSENT_TO_REDRAW = "consentToRedraw";
    public static final String GET_PERIOD = "getPeriod";
    public static final String GET_DRAW = "getDraw";
    public static final String LIST_DRAWS = "listDraws";
    public static final String PUBLISH_RESULT = "publishResult";
    public static final String LIST_RESULTS = "listResults";

    private SpotCheckTransactions() {
    }
}
