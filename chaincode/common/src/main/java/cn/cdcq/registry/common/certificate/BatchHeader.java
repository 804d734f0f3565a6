package cn.cdcq.registry.common.certificate;

/**
 * What a region signs for a whole batch of certificates: one signature, whatever the size of the
 * batch (see {@link CertificateAttestation#signedBytes(BatchHeader)}).
 *
 * @param region     code of the issuing region
 * @param centerId   USCC of the center that issues every certificate of the batch
 * @param count      number of certificates (Merkle leaves)
 * @param merkleRoot root of the Merkle tree over the certificates' signed bytes, 64 lowercase hex;
 *                   it is also the batch's id on the ledger
 */
public record BatchHeader(String region, String centerId, int count, String merkleRoot) {
}
