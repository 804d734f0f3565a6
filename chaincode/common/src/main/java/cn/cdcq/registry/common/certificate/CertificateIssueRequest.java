package cn.cdcq.registry.common.certificate;

/**
 * What a training center submits to issue one certificate: the claims and its region's
 * attestation signature over them ({@link CertificateAttestation#sign(CertificateClaims, java.security.PrivateKey)}).
 *
 * @param certificate the claims, exactly as signed
 * @param signature   DER ECDSA P-256 signature, lowercase hex
 */
public record CertificateIssueRequest(CertificateClaims certificate, String signature) {
}
