package cn.cdcq.registry.common.region;

/**
 * One version of a region's attestation certificate (ECDSA P-256). Certificates and ratings
 * carry a signature by the region's attestation key; a signature is checked against the
 * version that was current when the record was made, so rotation never invalidates history.
 *
 * @param regionCode     the region whose key this is
 * @param sequence       1 for the first certificate, +1 for each rotation
 * @param certificatePem the X.509 certificate, PEM
 * @param fingerprint    SHA-256 of the certificate's DER encoding, lowercase hex
 * @param validFrom      ISO-8601 instant from which records signed with it are accepted
 * @param validTo        ISO-8601 instant at which it was replaced; {@code null} while current
 * @param proposalId     the proposal (both regions' decision) that brought it in force
 */
public record AttestationCertificate(String regionCode, int sequence, String certificatePem, String fingerprint,
                                     String validFrom, String validTo, String proposalId) {

    /** Whether a record made at {@code instant} (ISO-8601, same format as the bounds) falls in this version's term. */
    public boolean coversInstant(String instant) {
        return instant.compareTo(validFrom) >= 0 && (validTo == null || instant.compareTo(validTo) < 0);
    }
}
