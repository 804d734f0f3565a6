package cn.cdcq.registry.common.certificate;

/**
 * The names of the accreditation contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class AccreditationTransactions {

    public static final String CONTRACT = "accreditation";

    public static final String ACCREDIT = "accredit";
    public static final String AMEND = "amend";
    public static final String SUSPEND = "suspend";
    public static final String REINSTATE = "reinstate";
    public static final String REVOKE = "revoke";
    public static final String GET_ACCREDITATION = "getAccreditation";
    public static final String LIST_ACCREDITATIONS = "listAccreditations";

    private AccreditationTransactions() {
    }
}
