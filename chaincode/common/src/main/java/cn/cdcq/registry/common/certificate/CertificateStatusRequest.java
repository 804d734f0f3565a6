package cn.cdcq.registry.common.certificate;

/**
 * A training center's request that its region's bureau suspend or revoke one of the center's
 * certificates. The center cannot change a status itself: only the bureau of the issuing region
 * may ({@code certificate:suspend}, {@code certificate:revoke}); the request puts the matter on the
 * bureau's desk with the center's reason, and the bureau either carries it out (its own status
 * change, which closes the request) or declines it with a reason. One request per certificate at
 * a time; the key's history keeps the earlier ones.
 *
 * @param number      the certificate
 * @param region      its issuing region (the bureau that decides)
 * @param centerId    the issuing center, who asked
 * @param asked       {@link CertificateStatus#SUSPENDED} or {@link CertificateStatus#REVOKED}
 * @param reasonCode  a reason code of the asked change ({@link ReasonCodes#CERTIFICATE_SUSPEND} or
 *                    {@link ReasonCodes#CERTIFICATE_REVOKE})
 * @param reason      the center's free text, no personal data
 * @param state       {@link State}
 * @param requestedAt ISO-8601 instant of the request's transaction
 * @param requestedBy who asked, "MSPID/account"
 * @param requestTxId the request's transaction
 * @param decidedAt   when the bureau carried it out or declined it, or null while pending
 * @param decidedBy   the bureau's account, or null while pending
 * @param decision    the status the certificate was given when carried out, or the bureau's reason
 *                    when declined; null while pending
 */
public record CertificateStatusRequest(String number, String region, String centerId, CertificateStatus asked,
                                       String reasonCode, String reason, State state, String requestedAt,
                                       String requestedBy, String requestTxId, String decidedAt, String decidedBy,
                                       String decision) {

    public enum State {
        /** On the bureau's desk. */
        PENDING,
        /** The bureau changed the status as asked (or further: revoked what was to be suspended). */
        CARRIED_OUT,
        /** The bureau declined, with its reason. */
        DECLINED
    }

    /** The reason codes a request for {@code asked} may give: those of the bureau's own action. */
    public static java.util.List<String> reasonCodesFor(CertificateStatus asked) {
        return switch (asked) {
            case SUSPENDED -> ReasonCodes.CERTIFICATE_SUSPEND;
            case REVOKED -> ReasonCodes.CERTIFICATE_REVOKE;
            default -> throw new IllegalArgumentException("a center may ask only for SUSPENDED or REVOKED, not " + asked);
        };
    }

    /** Whether a certificate now in {@code status} has what this request asked for. */
    public boolean satisfiedBy(CertificateStatus status) {
        return status == CertificateStatus.REVOKED || status == asked;
    }

    public CertificateStatusRequest decided(State outcome, String at, String by, String text) {
        return new CertificateStatusRequest(number, region, centerId, asked, reasonCode, reason, outcome, requestedAt,
                requestedBy, requestTxId, at, by, text);
    }
}
