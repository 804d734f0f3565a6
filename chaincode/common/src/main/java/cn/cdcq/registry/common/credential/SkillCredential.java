package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.TitleSeries;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree.ProofStep;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate of any {@linkplain CredentialKind kind} as a W3C Verifiable Credential 2.0,
 * before its proof.
 *
 * <p>The subject carries the attested claims (number, occupation, level, center, region,
 * dates), the credential's kind and, for a professional title, its series (both read from the
 * number) and the holder commitment, never the name or ID number, unless the holder asked for the
 * disclosing version and presented their details and salt ({@link Disclosure}). {@code validFrom}
 * is the issuing transaction's time; {@code validUntil} the end of the expiry date in China. Two
 * {@code BitstringStatusListEntry} entries point at the region's revocation and suspension lists.
 * {@code ledgerRecord} ties the credential to the ledger: the attestation key sequence, the
 * issuing transaction, the holder pseudonym (already public on the ledger) that, with the subject,
 * rebuilds the signed claims, and for a batch-issued certificate its Merkle path, the batch root
 * and the region's signature over the batch header, which any verifier can check offline.
 */
public final class SkillCredential {

    public static final String ID_PREFIX = "urn:cdcq:certificate:";

    private SkillCredential() {
    }

    /** One status entry: which list ({@link Vocabulary#REVOCATION} or {@link Vocabulary#SUSPENSION}), the index, the list's URL. */
    public record StatusEntry(String purpose, int index, String statusListCredential) {
    }

    /** What the holder presented to have their name and ID number shown (salt as hex). */
    public record Disclosure(String name, String residentIdNumber, String saltHex) {
        @Override
        public String toString() {
            return "Disclosure[withheld]";
        }
    }

    /**
     * The unsigned credential.
     *
     * @param certificate the certificate as on the ledger
     * @param batch       its batch, for a batch-issued certificate; {@code null} otherwise
     * @param centerName  the issuing center's name (from its accreditation)
     * @param issuerId    the region's identifier (its did:web)
     * @param issuerName  the region's bureau
     * @param status      the revocation and suspension entries
     * @param disclosure  the holder's details, for the disclosing version; {@code null} for the usual one
     */
    public static ObjectNode unsigned(SkillCertificate certificate, CertificateBatch batch, String centerName,
                                      String issuerId, String issuerName, List<StatusEntry> status, Disclosure disclosure) {
        Objects.requireNonNull(certificate, "certificate is null");
        CertificateClaims claims = certificate.claims();
        ObjectNode vc = Json.mapper().createObjectNode();
        vc.putArray("@context").add(Vocabulary.CREDENTIALS_V2);
        vc.put("id", ID_PREFIX + claims.number());
        vc.putArray("type").add(Vocabulary.VERIFIABLE_CREDENTIAL).add(Vocabulary.SKILL_CERTIFICATE_CREDENTIAL);
        CredentialKind kind = claims.kind();
        vc.put("name", Character.toUpperCase(kind.englishName().charAt(0)) + kind.englishName().substring(1) + " "
                + claims.number());
        vc.putObject("issuer").put("id", issuerId).put("name", issuerName);
        vc.put("validFrom", Instant.parse(certificate.issuedAt()).truncatedTo(ChronoUnit.SECONDS).toString());
        if (claims.expiryDate() != null) {
            vc.put("validUntil", LocalDate.parse(claims.expiryDate()).plusDays(1).atStartOfDay(IsoDate.CHINA).toInstant().toString());
        }
        ObjectNode subject = vc.putObject("credentialSubject");
        subject.put("type", "SkillCertificate");
        subject.put("certificateNumber", claims.number());
        subject.put("credentialKind", kind.name());
        subject.put("credentialKindName", kind.chineseName());
        subject.putObject("occupation").put("code", claims.occupation());
        if (claims.titleSeries() != null) {
            subject.putObject("titleSeries").put("code", claims.titleSeries())
                    .put("name", TitleSeries.chineseName(claims.titleSeries()));
        }
        subject.put("level", claims.level());
        subject.put("levelName", kind.levelName(claims.level()));
        subject.putObject("issuingCenter").put("id", "urn:uscc:" + claims.centerId()).put("name", centerName);
        subject.put("region", claims.region());
        subject.put("issueDate", claims.issueDate());
        if (claims.expiryDate() != null) {
            subject.put("expiryDate", claims.expiryDate());
        }
        subject.put("holderCommitment", claims.holderCommitment());
        if (disclosure != null) {
            subject.put("name", disclosure.name());
            subject.put("residentIdNumber", disclosure.residentIdNumber());
            subject.put("holderSalt", disclosure.saltHex());
        }
        ArrayNode entries = vc.putArray("credentialStatus");
        for (StatusEntry entry : status) {
            entries.addObject().put("id", entry.statusListCredential() + "#" + entry.index())
                    .put("type", Vocabulary.STATUS_LIST_ENTRY).put("statusPurpose", entry.purpose())
                    .put("statusListIndex", Integer.toString(entry.index()))
                    .put("statusListCredential", entry.statusListCredential());
        }
        ObjectNode ledger = vc.putObject("ledgerRecord");
        ledger.put("type", "CdcqLedgerRecord");
        ledger.put("attestationSequence", certificate.attestationSequence());
        ledger.put("issueTxId", certificate.issueTxId());
        ledger.put("holderPseudonym", claims.holderPseudonym());
        if (certificate.batchIssued()) {
            Objects.requireNonNull(batch, "a batch-issued certificate needs its batch");
            ObjectNode b = ledger.putObject("batch");
            b.put("merkleRoot", batch.merkleRoot());
            b.put("count", batch.count());
            b.put("leafIndex", certificate.leafIndex());
            ArrayNode path = b.putArray("merklePath");
            for (ProofStep step : certificate.merklePath()) {
                path.addObject().put("side", step.side()).put("hash", step.hash());
            }
            b.put("signature", batch.signature());
            b.put("attestationSequence", batch.attestationSequence());
        }
        return vc;
    }

    /** The proof options of an ecdsa-jcs-2019 assertion proof by {@code verificationMethod} at {@code created}. */
    public static ObjectNode proofOptions(String verificationMethod, Instant created) {
        return Json.mapper().createObjectNode().put("type", EcdsaJcs2019.PROOF_TYPE)
                .put("cryptosuite", EcdsaJcs2019.CRYPTOSUITE)
                .put("created", created.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("verificationMethod", verificationMethod)
                .put("proofPurpose", Vocabulary.ASSERTION_METHOD);
    }

    /**
     * The claims the region signed, rebuilt from a credential's subject and ledger record, for the
     * Merkle leaf. Throws {@link IllegalArgumentException} naming the missing or mistyped member.
     */
    public static CertificateClaims claims(JsonNode credential) {
        JsonNode subject = credential.path("credentialSubject");
        JsonNode ledger = credential.path("ledgerRecord");
        return new CertificateClaims(text(subject, "certificateNumber"), text(subject.path("occupation"), "code"),
                integer(subject, "level"), centerId(subject), text(subject, "region"), text(subject, "issueDate"),
                subject.has("expiryDate") ? text(subject, "expiryDate") : null, text(ledger, "holderPseudonym"),
                text(subject, "holderCommitment"));
    }

    private static String centerId(JsonNode subject) {
        String id = text(subject.path("issuingCenter"), "id");
        if (!id.startsWith("urn:uscc:")) {
            throw new IllegalArgumentException("credentialSubject.issuingCenter.id must be urn:uscc:<USCC>; got " + id);
        }
        return id.substring("urn:uscc:".length());
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("member \"" + name + "\" is " + (value == null ? "missing" : "not a string"));
        }
        return value.textValue();
    }

    private static int integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("member \"" + name + "\" is " + (value == null ? "missing" : "not an integer"));
        }
        return value.intValue();
    }

    /** The Merkle path in a credential's ledger record. */
    static List<ProofStep> merklePath(JsonNode batch) {
        List<ProofStep> path = new ArrayList<>();
        for (JsonNode step : batch.path("merklePath")) {
            path.add(new ProofStep(step.path("side").asText(null), step.path("hash").asText(null)));
        }
        return path;
    }
}
