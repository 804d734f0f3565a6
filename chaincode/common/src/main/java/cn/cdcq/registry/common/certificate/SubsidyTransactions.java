package cn.cdcq.registry.common.certificate;

/**
 * The names of the subsidy contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class SubsidyTransactions {

    public static final String CONTRACT = "subsidy";

    public static final String CLAIM = "claim";
    public static final String GET_CLAIM_FOR_CERTIFICATE = "getClaimForCertificate";
    public static final String GET_REFUSAL = "getRefusal";

    private SubsidyTransactions() {
    }
}
