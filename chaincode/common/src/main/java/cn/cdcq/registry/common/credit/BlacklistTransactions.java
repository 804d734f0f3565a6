package cn.cdcq.registry.common.credit;

/**
 * The names of the blacklist contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class BlacklistTransactions {

    public static final String CONTRACT = "blacklist";

    public static final String LIST = "list";
    public static final String REMOVE_EARLY = "removeEarly";
    public static final String GET_LISTING = "getListing";
    public static final String GET_STATUS = "getStatus";

    private BlacklistTransactions() {
    }
}
