package cn.cdcq.registry.common.certificate;

/**
 * The status of a skill certificate. {@link #VALID}, {@link #SUSPENDED} and {@link #REVOKED} are
 * stored; {@link #EXPIRED} is never stored but reported by verification once the expiry date has
 * passed, so no transaction is needed for a certificate to expire. Revocation is final.
 */
public final class CertificateStatus {

    public static final String VALID = "VALID";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REVOKED = "REVOKED";
    public static final String EXPIRED = "EXPIRED";

    private CertificateStatus() {
    }
}
