package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.privacy.Holder;
import cn.cdcq.registry.common.privacy.Holder.HolderDetails;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * For the end-to-end tests that drive the certificate contracts through the Gateway directly,
 * without the regional service: what a region's client does before it issues. The holder's ID
 * number is validated and replaced by the holder pseudonym (HMAC under the consortium pepper) and
 * a commitment under a fresh salt; the claims are signed with the region's attestation key, one
 * by one or as a Merkle batch. The service's own path is {@code CertificateIssuance}, which
 * derives the salts instead so that a batch sent again is recognized.
 */
public final class CertificateIssuer {

    private final String region;
    private final String centerId;
    private final byte[] pepper;
    private final PrivateKey attestationKey;

    /**
     * @param region         the issuing region's code, e.g. {@code CQ}
     * @param centerId       the issuing center's USCC
     * @param pepper         the consortium pepper (at least 16 bytes)
     * @param attestationKey the region's attestation private key (ECDSA P-256)
     */
    public CertificateIssuer(String region, String centerId, byte[] pepper, PrivateKey attestationKey) {
        this.region = RegionCode.validate(region);
        this.centerId = Uscc.validate(centerId);
        this.pepper = Objects.requireNonNull(pepper, "pepper").clone();
        this.attestationKey = Objects.requireNonNull(attestationKey, "attestationKey");
    }

    /**
     * What a center records about a certificate before it is issued.
     *
     * @param number           the national certificate number
     * @param occupation       occupation code, e.g. {@code 4-04-05-01}
     * @param level            1 to 5
     * @param issueDate        yyyy-MM-dd
     * @param expiryDate       yyyy-MM-dd or {@code null}
     * @param holderName       as on the ID card
     * @param residentIdNumber GB 11643-1999
     */
    public record CertificateDraft(String number, String occupation, int level, String issueDate, String expiryDate,
                                   String holderName, String residentIdNumber) {

        @Override
        public String toString() {
            return "CertificateDraft[" + number + ", holder withheld]";
        }
    }

    /**
     * Claims ready to sign, and the salt of their holder commitment, which belongs in the worker's
     * portable credential (the worker needs it to prove the certificate is theirs).
     */
    public record PreparedCertificate(CertificateClaims claims, String saltHex) {

        /** What the worker presents later: their details and this salt. */
        public HolderPresentation presentation(String holderName, String residentIdNumber) {
            return new HolderPresentation(holderName, residentIdNumber, saltHex);
        }
    }

    /** Validates the draft and replaces the holder's details by pseudonym and commitment. */
    public PreparedCertificate prepare(CertificateDraft draft) {
        Objects.requireNonNull(draft, "draft");
        HolderDetails holder = new HolderDetails(draft.holderName(), draft.residentIdNumber());
        byte[] salt = Holder.newSalt();
        CertificateClaims claims = new CertificateClaims(CertificateNumber.validate(draft.number()),
                OccupationCode.validate(draft.occupation()), draft.level(), centerId, region,
                draft.issueDate() == null ? null : draft.issueDate().strip(),
                draft.expiryDate() == null || draft.expiryDate().isBlank() ? null : draft.expiryDate().strip(),
                Holder.pseudonym(pepper, holder.residentIdNumber()), Holder.commitment(salt, holder));
        return new PreparedCertificate(claims.validate(), Hashes.hex(salt));
    }

    /** The request to issue one certificate, signed by the region. */
    public CertificateIssueRequest sign(CertificateClaims claims) {
        claims.validate();
        return new CertificateIssueRequest(claims, CertificateAttestation.sign(claims, attestationKey));
    }

    /**
     * The request to issue {@code certificates} in one transaction: one region signature over the
     * header of their Merkle tree. Refuses an empty or oversize batch and names every entry that
     * is malformed, as the chaincode would.
     */
    public CertificateBatchRequest signBatch(List<CertificateClaims> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.INVALID_BATCH_SIZE, "the batch has no certificates");
        }
        if (certificates.size() > CertificateAttestation.MAX_BATCH_SIZE) {
            throw new InvalidInputException(InvalidInputException.INVALID_BATCH_SIZE, "the batch has "
                    + certificates.size() + " certificates; at most " + CertificateAttestation.MAX_BATCH_SIZE
                    + " go in one transaction, so split it");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            CertificateClaims claims = certificates.get(i);
            try {
                claims.validate();
            } catch (InvalidInputException e) {
                problems.add("[" + i + "] " + claims.number() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.INVALID_CERTIFICATE_NUMBER, problems.size()
                    + " of " + certificates.size() + " certificates are malformed: "
                    + String.join("; ", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "; and " + (problems.size() - 20) + " more" : ""));
        }
        List<CertificateClaims> copy = List.copyOf(certificates);
        return new CertificateBatchRequest(copy,
                CertificateAttestation.sign(CertificateAttestation.header(copy), attestationKey));
    }
}
