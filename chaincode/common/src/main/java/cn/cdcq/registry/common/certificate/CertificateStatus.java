package cn.cdcq.registry.common.certificate;

/**
 * The status of a skill certificate. {@link #VALID}, {@link #SUSPENDED} and {@link #REVOKED} are
 * stored; {@link #EXPIRED} is never stored but reported by verification once the expiry date has
 * passed, so no transaction is needed for a certificate to expire. Revocation is final.
 */
public enum CertificateStatus {
    VALID, SUSPENDED, REVOKED, EXPIRED
}
