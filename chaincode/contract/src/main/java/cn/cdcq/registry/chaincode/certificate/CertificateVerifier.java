package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static cn.cdcq.registry.common.certificate.VerificationReport.FAIL;
import static cn.cdcq.registry.common.certificate.VerificationReport.NOT_APPLICABLE;
import static cn.cdcq.registry.common.certificate.VerificationReport.PASS;

/**
 * Checks one certificate the way an offline verifier would, from the ledger alone, and reports
 * each check (docs/design.md §trust model): record found and well formed; canonical hash recomputed; Merkle path
 * to the signed batch root; region signature under the attestation certificate current at issue
 * time; issuer accredited at issue time; status; holder commitment; recognition per region.
 */
final class CertificateVerifier {

    /**
     * Signatures already found valid: signed record (a batch header's fields, or a certificate's
     * canonical hash) and signature, to the PEM of the attestation certificate they verified under.
     * A batch's one signature is checked once, not once per certificate verified. Only successes
     * are kept and a hit needs all three inputs equal, so it answers exactly what the check would;
     * the cache lives in this chaincode process and starts over when full.
     */
    private static final Map<String, String> VERIFIED_SIGNATURES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;

    private final Ledger ledger;
    private final Regions regions;
    private final Certificates certificates;

    CertificateVerifier(Ledger ledger) {
        this.ledger = ledger;
        this.regions = new Regions(ledger);
        this.certificates = new Certificates(ledger);
    }

    VerificationReport verify(String number, String presentedCommitment) {
        String checkedAt = ledger.nowIso();
        Optional<SkillCertificate> found;
        try {
            found = certificates.find(number);
        } catch (InvalidInputException e) {
            return notFound(number, checkedAt, "the record of " + number + " cannot be read: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return notFound(number, checkedAt, "no certificate with number " + number + " was issued in any region");
        }
        SkillCertificate certificate = found.get();
        CertificateClaims claims = certificate.claims();
        List<Step> steps = new ArrayList<>();
        try {
            claims.validate();
            steps.add(new Step(VerificationReport.RECORD, PASS, "certificate " + number + " found, issued in region "
                    + claims.region() + " by center " + claims.centerId() + " at " + certificate.issuedAt()
                    + " (transaction " + certificate.issueTxId() + ")"));
        } catch (InvalidInputException e) {
            steps.add(new Step(VerificationReport.RECORD, FAIL, "the record of " + number + " is malformed: " + e.getMessage()));
        }
        String canonicalHash = CertificateAttestation.canonicalHash(claims);
        steps.add(new Step(VerificationReport.CANONICAL_HASH, PASS, "SHA-256 of the canonical certificate is "
                + canonicalHash));

        Optional<AttestationCertificate> attestation = regions.attestation(claims.region(), certificate.attestationSequence())
                .filter(a -> a.sequence() == certificate.attestationSequence());
        if (certificate.batchIssued()) {
            Optional<CertificateBatch> batch = certificates.batch(certificate.batchId());
            if (batch.isEmpty()) {
                steps.add(new Step(VerificationReport.MERKLE_PATH, FAIL, "batch " + certificate.batchId()
                        + " named by the certificate is not on the ledger"));
                steps.add(new Step(VerificationReport.REGION_SIGNATURE, FAIL, "no batch, so no signature to check"));
            } else {
                steps.add(merklePath(certificate, batch.get()));
                CertificateBatch b = batch.get();
                String signed = "batch|" + b.region() + "|" + b.centerId() + "|" + b.count() + "|" + b.merkleRoot();
                steps.add(regionSignature(certificate, attestation, signed, b.signature(), a ->
                        CertificateAttestation.verify(b.header(), b.signature(), a),
                        "the signature over batch " + batch.get().merkleRoot() + " (" + batch.get().count()
                                + " certificates)"));
            }
        } else {
            steps.add(new Step(VerificationReport.MERKLE_PATH, NOT_APPLICABLE,
                    "issued on its own, with a signature of its own"));
            steps.add(regionSignature(certificate, attestation, "certificate|" + canonicalHash, certificate.signature(),
                    a -> CertificateAttestation.verify(claims, certificate.signature(), a), "the certificate's signature"));
        }
        Optional<Accreditation> center = new Accreditations(ledger).find(claims.centerId());
        steps.add(issuerAccredited(certificate, center));
        LocalDate today = ledger.today();
        CertificateStatus status = effectiveStatus(certificate, today);
        steps.add(statusStep(certificate, status));
        steps.add(holder(certificate, presentedCommitment));

        boolean valid = steps.stream().noneMatch(s -> FAIL.equals(s.result()));
        List<Recognition> recognition = recognition(claims, today, valid, status);
        return new VerificationReport(number, valid ? VerificationReport.VALID : VerificationReport.INVALID, status,
                claims.occupation(), claims.level(), claims.region(), claims.centerId(),
                center.map(Accreditation::name).orElse(null), claims.issueDate(), claims.expiryDate(), checkedAt,
                List.copyOf(steps), recognition);
    }

    private Step merklePath(SkillCertificate certificate, CertificateBatch batch) {
        boolean leads = certificate.merklePath() != null
                && CertificateAttestation.leadsToRoot(certificate.claims(), certificate.merklePath(), batch.merkleRoot());
        String where = "leaf " + certificate.leafIndex() + " of batch " + batch.merkleRoot() + " (" + batch.count()
                + " certificates)";
        return leads ? new Step(VerificationReport.MERKLE_PATH, PASS, "the Merkle path from " + where
                + " leads to the signed batch root")
                : new Step(VerificationReport.MERKLE_PATH, FAIL, "the Merkle path from " + where
                + " does not lead to the signed batch root: the certificate or its path was altered");
    }

    private Step regionSignature(SkillCertificate certificate, Optional<AttestationCertificate> attestation,
                                 String signedRecord, String signature,
                                 java.util.function.Predicate<X509Certificate> verifies, String what) {
        String region = certificate.claims().region();
        if (attestation.isEmpty()) {
            return new Step(VerificationReport.REGION_SIGNATURE, FAIL, "region " + region + " has no attestation "
                    + "certificate " + certificate.attestationSequence() + " on the ledger");
        }
        AttestationCertificate a = attestation.get();
        String which = "region " + region + "'s attestation certificate " + a.sequence() + " (SHA-256 fingerprint "
                + a.fingerprint() + ", in force from " + a.validFrom() + (a.validTo() == null ? ", current" : " to " + a.validTo())
                + ")";
        if (!a.coversInstant(certificate.issuedAt())) {
            return new Step(VerificationReport.REGION_SIGNATURE, FAIL, which + " was not in force when the certificate "
                    + "was issued (" + certificate.issuedAt() + ")");
        }
        boolean ok;
        try {
            String cacheKey = signedRecord + "|" + signature;
            ok = a.certificatePem().equals(VERIFIED_SIGNATURES.get(cacheKey));
            if (!ok) {
                ok = verifies.test(parsed(a.certificatePem()));
                if (ok) {
                    remember(VERIFIED_SIGNATURES, cacheKey, a.certificatePem());
                }
            }
        } catch (InvalidInputException e) {
            return new Step(VerificationReport.REGION_SIGNATURE, FAIL, which + " cannot be read: " + e.getMessage());
        }
        return ok ? new Step(VerificationReport.REGION_SIGNATURE, PASS, what + " is valid under " + which
                + ", which was in force at issue")
                : new Step(VerificationReport.REGION_SIGNATURE, FAIL, what + " does not verify under " + which
                + ": the record was altered or not signed by the region");
    }

    private static X509Certificate parsed(String pem) {
        return ParsedCertificates.of(pem);
    }

    private static <V> void remember(Map<String, V> cache, String key, V value) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private Step issuerAccredited(SkillCertificate certificate, Optional<Accreditation> current) {
        CertificateClaims claims = certificate.claims();
        Optional<Accreditation> then = new Accreditations(ledger).atVersion(claims.centerId(),
                certificate.accreditationVersion(), current);
        if (then.isEmpty()) {
            return new Step(VerificationReport.ISSUER_ACCREDITED, FAIL, "no version " + certificate.accreditationVersion()
                    + " of the accreditation of center " + claims.centerId() + " is on the ledger");
        }
        Accreditation a = then.get();
        LocalDate issuedOn = IsoDate.dateOf(Instant.parse(certificate.issuedAt()));
        Optional<String> refusal = a.region().equals(claims.region()) ? a.refusalFor(claims.kind(), claims.occupation(), claims.level(), issuedOn)
                : Optional.of("the accreditation is region " + a.region() + "'s, not " + claims.region() + "'s");
        if (refusal.isPresent()) {
            return new Step(VerificationReport.ISSUER_ACCREDITED, FAIL, "at issue (" + issuedOn + "): " + refusal.get());
        }
        int highest = a.scopeFor(claims.kind(), claims.occupation()).orElseThrow().highestLevel();
        return new Step(VerificationReport.ISSUER_ACCREDITED, PASS, "at issue (" + issuedOn + ") center "
                + claims.centerId() + " (" + a.name() + ") was accredited by region " + a.region() + " for occupation "
                + claims.occupation() + " up to level " + highest + ", valid " + a.validFrom() + " to " + a.validTo()
                + " (accreditation version " + a.version() + ")");
    }

    static CertificateStatus effectiveStatus(SkillCertificate certificate, LocalDate today) {
        if (certificate.status() == CertificateStatus.VALID && certificate.claims().expiredOn(today)) {
            return CertificateStatus.EXPIRED;
        }
        return certificate.status();
    }

    // The public report names the status reason by its code and label only: the bureau's free
    // text (statusReason) stays in the record for the bureaus, never in what any reader is shown.
    private static Step statusStep(SkillCertificate certificate, CertificateStatus status) {
        return switch (status) {
            case VALID -> new Step(VerificationReport.STATUS, PASS, "VALID"
                    + (certificate.claims().expiryDate() == null ? ", does not expire"
                    : " until " + certificate.claims().expiryDate()));
            case EXPIRED -> new Step(VerificationReport.STATUS, FAIL, "EXPIRED: valid until "
                    + certificate.claims().expiryDate());
            default -> new Step(VerificationReport.STATUS, FAIL, status + " by region " + certificate.claims().region()
                    + " at " + certificate.statusChangedAt() + " (" + certificate.statusReasonCode() + ": "
                    + ReasonCodes.label(certificate.statusReasonCode()) + ")");
        };
    }

    private static Step holder(SkillCertificate certificate, String presentedCommitment) {
        if (presentedCommitment == null) {
            return new Step(VerificationReport.HOLDER, NOT_APPLICABLE, "no holder details presented");
        }
        boolean matches = MessageDigest.isEqual(presentedCommitment.getBytes(StandardCharsets.UTF_8),
                certificate.claims().holderCommitment().getBytes(StandardCharsets.UTF_8));
        return matches ? new Step(VerificationReport.HOLDER, PASS, "the presented holder details and salt match the "
                + "certificate's holder commitment")
                : new Step(VerificationReport.HOLDER, FAIL, "the presented holder details and salt do not match the "
                + "certificate's holder commitment: it was issued to someone else, or the details were typed differently");
    }

    private List<Recognition> recognition(CertificateClaims claims, LocalDate today, boolean valid, CertificateStatus status) {
        Recognitions recognitions = new Recognitions(ledger);
        List<RecognitionRule> catalogue = recognitions.rules();
        List<Recognition> out = new ArrayList<>();
        for (Region region : regions.all()) {
            Recognition r = recognitions.in(claims, region.code(), today, catalogue);
            if (!valid) {
                r = new Recognition(r.region(), false, r.basis(), r.ruleId(), r.caseId(), "not recognized: the "
                        + "certificate itself is not valid (" + (status == null ? "see the checks" : status)
                        + "); otherwise " + r.reason());
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private VerificationReport notFound(String number, String checkedAt, String reason) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(VerificationReport.RECORD, FAIL, reason));
        for (String check : List.of(VerificationReport.CANONICAL_HASH, VerificationReport.MERKLE_PATH,
                VerificationReport.REGION_SIGNATURE, VerificationReport.ISSUER_ACCREDITED, VerificationReport.STATUS,
                VerificationReport.HOLDER)) {
            steps.add(new Step(check, NOT_APPLICABLE, "no record to check"));
        }
        return new VerificationReport(number, VerificationReport.INVALID, null, null, null, null, null, null, null,
                null, checkedAt, List.copyOf(steps), List.of());
    }
}
