package cn.cdcq.registry.common.settings;

/**
 * The names of the settings contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class SettingsTransactions {

    public static final String CONTRACT = "settings";

    public static final String PROPOSE_CALENDAR = "proposeCalendar";
    public static final String PROPOSE_CASE_SETTINGS = "proposeCaseSettings";
    public static final String PROPOSE_CLOCK_WINDOW = "proposeClockWindow";
    public static final String ACCEPT_PROPOSAL = "acceptProposal";
    public static final String DECLINE_PROPOSAL = "declineProposal";
    public static final String WITHDRAW_PROPOSAL = "withdrawProposal";
    public static final String GET_PROPOSAL = "getProposal";
    public static final String LIST_PROPOSALS = "listProposals";
    public static final String GET_CLOCK_WINDOW = "getClockWindow";
    public static final String SET_WAGE_ARREARS_THRESHOLD = "setWageArrearsThreshold";
    public static final String GET_WAGE_ARREARS_THRESHOLD = "getWageArrearsThreshold";
    public static final String LIST_WAGE_ARREARS_THRESHOLDS = "listWageArrearsThresholds";

    private SettingsTransactions() {
    }
}
