package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.merkle.MerkleTree.ProofStep;

import java.util.List;

/**
 * A skill certificate on the ledger: the attested {@linkplain CertificateClaims claims}, how the
 * region attested them, and its status. Either {@code signature} is set (issued alone) or
 * {@code batchId}, {@code leafIndex} and {@code merklePath} are (issued in a batch, whose one
 * signature is in the {@link CertificateBatch}).
 *
 * @param claims               what the region attested, exactly as signed
 * @param signature            the region's signature over the claims (single issue), lowercase hex DER
 * @param batchId              the batch's Merkle root (batch issue)
 * @param leafIndex            0-based position in the batch (batch issue)
 * @param merklePath           path from the certificate's leaf to the batch root (batch issue)
 * @param attestationSequence  which of the region's attestation certificates signed it
 * @param accreditationVersion the version of the center's accreditation in force at issue
 * @param issuedAt             ISO-8601 instant of the issuing transaction
 * @param issueTxId            the issuing transaction
 * @param issuedBy             who submitted it, "MSPID/account"
 * @param status               {@link CertificateStatus#VALID}, {@code SUSPENDED} or {@code REVOKED}
 * @param statusReasonCode     reason code of the last status change (see {@link ReasonCodes})
 * @param statusReason         free text of the last status change
 * @param statusChangedAt      ISO-8601 instant of the last status change
 * @param statusChangedBy      who made it, "MSPID/account"
 */
public record SkillCertificate(CertificateClaims claims, String signature, String batchId, Integer leafIndex,
                               List<ProofStep> merklePath, int attestationSequence, int accreditationVersion,
                               String issuedAt, String issueTxId, String issuedBy, CertificateStatus status,
                               String statusReasonCode, String statusReason, String statusChangedAt,
                               String statusChangedBy) {

    /** A certificate issued on its own, under its own signature: VALID, no status change yet. */
    public static SkillCertificate issuedAlone(CertificateClaims claims, String signature, int attestationSequence,
                                               int accreditationVersion, String issuedAt, String issueTxId,
                                               String issuedBy) {
        return new SkillCertificate(claims, signature, null, null, null, attestationSequence, accreditationVersion,
                issuedAt, issueTxId, issuedBy, CertificateStatus.VALID, null, null, null, null);
    }

    /** Leaf {@code leafIndex} of batch {@code batchId}, under the batch's signature: VALID, no status change yet. */
    public static SkillCertificate issuedInBatch(CertificateClaims claims, String batchId, int leafIndex,
                                                 List<ProofStep> merklePath, int attestationSequence,
                                                 int accreditationVersion, String issuedAt, String issueTxId,
                                                 String issuedBy) {
        return new SkillCertificate(claims, null, batchId, leafIndex, merklePath, attestationSequence,
                accreditationVersion, issuedAt, issueTxId, issuedBy, CertificateStatus.VALID, null, null, null, null);
    }

    /** The certificate number, its key on the ledger. */
    public String number() {
        return claims.number();
    }

    /** Whether it was issued as part of a batch (and so carries a Merkle path, not a signature). */
    public boolean batchIssued() {
        return batchId != null;
    }

    /** This certificate with a new stored status. */
    public SkillCertificate withStatus(CertificateStatus newStatus, String reasonCode, String reason, String at, String by) {
        return new SkillCertificate(claims, signature, batchId, leafIndex, merklePath, attestationSequence,
                accreditationVersion, issuedAt, issueTxId, issuedBy, newStatus, reasonCode, reason, at, by);
    }
}
