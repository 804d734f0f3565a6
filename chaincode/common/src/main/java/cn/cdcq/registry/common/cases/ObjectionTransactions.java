package cn.cdcq.registry.common.cases;

/**
 * The names of the objection and credit-repair contracts and their transactions
 * (docs/objections.md): what the chaincode's annotations declare and the regional services call.
 */
public final class ObjectionTransactions {

    public static final String CONTRACT = "objection";

    public static final String FILE = "file";
    public static final String DECIDE = "decide";
    public static final String GET = "get";
    public static final String LIST = "list";

    public static final String REPAIR_CONTRACT = "repair";

    public static final String REPAIR_APPLY = "apply";
    public static final String REPAIR_DECIDE = "decide";
    public static final String REPAIR_GET = "get";
    public static final String REPAIR_LIST = "list";

    private ObjectionTransactions() {
    }
}
