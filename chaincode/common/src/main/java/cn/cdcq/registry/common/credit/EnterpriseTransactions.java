package cn.cdcq.registry.common.credit;

/**
 * The names of the enterprise contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class EnterpriseTransactions {

    public static final String CONTRACT = "enterprise";

    public static final String REGISTER_ENTERPRISE = "registerEnterprise";
    public static final String SET_ENTERPRISE_KIND = "setEnterpriseKind";
    public static final String GET_ENTERPRISE = "getEnterprise";
    public static final String LIST_ENTERPRISES = "listEnterprises";
    public static final String GET_CREDIT_PROFILE = "getCreditProfile";

    private EnterpriseTransactions() {
    }
}
