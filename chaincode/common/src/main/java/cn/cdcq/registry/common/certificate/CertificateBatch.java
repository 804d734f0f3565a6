package cn.cdcq.registry.common.certificate;

/**
 * A batch of certificates issued in one transaction under one region signature. Its certificates
 * are stored one by one, each with its leaf index and Merkle path to {@code merkleRoot}.
 *
 * @param merkleRoot          the batch's id: root of the Merkle tree over its certificates, 64 lowercase hex
 * @param region              the issuing region
 * @param centerId            USCC of the issuing center
 * @param count               how many certificates it holds
 * @param signature           the region's signature over the {@link BatchHeader}, lowercase hex DER
 * @param attestationSequence which of the region's attestation certificates signed it
 * @param issuedAt            ISO-8601 instant of the issuing transaction
 * @param issueTxId           the issuing transaction
 * @param issuedBy            who submitted it, "MSPID/account"
 */
public record CertificateBatch(String merkleRoot, String region, String centerId, int count, String signature,
                               int attestationSequence, String issuedAt, String issueTxId, String issuedBy) {

    /** The header the signature covers. */
    public BatchHeader header() {
        return new BatchHeader(region, centerId, count, merkleRoot);
    }
}
