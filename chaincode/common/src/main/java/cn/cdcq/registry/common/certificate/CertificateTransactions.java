package cn.cdcq.registry.common.certificate;

/**
 * The names of the certificate contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class CertificateTransactions {

    public static final String CONTRACT = "certificate";

    public static final String ISSUE = "issue";
    public static final String ISSUE_BATCH = "issueBatch";
    public static final String SUSPEND = "suspend";
    public static final String REINSTATE = "reinstate";
    public static final String REVOKE = "revoke";
    public static final String GET_CERTIFICATE = "getCertificate";
    public static final String GET_BATCH = "getBatch";
    public static final String GET_CERTIFICATE_HISTORY = "getCertificateHistory";
    public static final String VERIFY = "verify";
    public static final String LIST_BY_CENTER = "listByCenter";
    public static final String REQUEST_STATUS_CHANGE = "requestStatusChange";
    public static final String DECLINE_STATUS_REQUEST = "declineStatusRequest";
    public static final String GET_STATUS_REQUEST = "getStatusRequest";
    public static final String LIST_STATUS_REQUESTS = "listStatusRequests";

    private CertificateTransactions() {
    }
}
