package cn.cdcq.registry.common.certificate;

import java.util.List;

/**
 * What a training center submits to issue many certificates in one transaction: the claims in
 * batch order and one signature by its region over the batch header
 * ({@link CertificateAttestation#header(List)}), which commits to every certificate through the
 * Merkle root. At most {@value CertificateAttestation#MAX_BATCH_SIZE} certificates.
 *
 * @param certificates the claims, in the order their Merkle leaves were built
 * @param signature    DER ECDSA P-256 signature over the batch header, lowercase hex
 */
public record CertificateBatchRequest(List<CertificateClaims> certificates, String signature) {
}
