package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.certificate.BatchHeader;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.credential.CredentialVerification.Problem;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.privacy.Holder;
import com.fasterxml.jackson.databind.JsonNode;

import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.common.certificate.VerificationReport.FAIL;
import static cn.cdcq.registry.common.certificate.VerificationReport.NOT_APPLICABLE;
import static cn.cdcq.registry.common.certificate.VerificationReport.PASS;
import static cn.cdcq.registry.common.credential.CredentialVerification.CRYPTOGRAPHIC_SECURITY_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.MALFORMED_VALUE_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.PARSING_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.PROOF_TRANSFORMATION_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.PROOF_VERIFICATION_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.RANGE_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.STATUS_LIST_LENGTH_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.STATUS_RETRIEVAL_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.STATUS_VERIFICATION_ERROR;
import static cn.cdcq.registry.common.credential.CredentialVerification.VALIDITY_PERIOD;

/**
 * Verifies a credential with what it is given and nothing else (no network): the issuer's
 * controller documents and the status list credentials, by URL. Checks, in order and each with
 * its reason: {@code RECORD} (JSON, contexts, types, required members), {@code CANONICAL_HASH}
 * (RFC 8785 of document and proof configuration), {@code REGION_SIGNATURE} (the ecdsa-jcs-2019
 * proof under a key of the issuer's controller document whose term covers the proof's creation,
 * or a self-describing did:key), {@code MERKLE_PATH} (a batch certificate's path to its batch
 * root and the region's signature over the batch), {@code ISSUER_ACCREDITED} (not checkable
 * offline), {@code VALIDITY_PERIOD}, {@code STATUS} (each status list verified, fresh, long
 * enough, the index within it) and {@code HOLDER} (disclosed details against the commitment).
 * Any input, however malformed, gives a report; nothing throws.
 */
public final class CredentialVerifier {

    private static final String DID_KEY = "did:key:";

    private final Map<String, JsonNode> controllers = new HashMap<>();
    private final Map<String, String> statusLists;
    private final Map<String, ListState> lists = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param controllerDocuments   controller (DID) documents of the issuers to trust, each by its {@code id}
     * @param statusListCredentials status list credentials as JSON text, by the URL credentials name them with
     */
    public CredentialVerifier(Collection<JsonNode> controllerDocuments, Map<String, String> statusListCredentials) {
        for (JsonNode doc : controllerDocuments) {
            controllers.put(doc.path("id").asText(), doc);
        }
        this.statusLists = Map.copyOf(statusListCredentials);
    }

    /** Verifies {@code credentialJson} as of {@code now}. */
    public CredentialVerification verify(String credentialJson, Instant now) {
        Run run = new Run();
        JsonNode vc = null;
        try {
            vc = record(credentialJson, run);
            if (vc == null) {
                run.skipRest("the credential could not be read");
            } else {
                checks(vc, now, run);
            }
        } catch (RuntimeException e) {
            // A defect here must still answer with a reason, never a stack trace.
            run.fail(run.current, MALFORMED_VALUE_ERROR, "the verifier could not finish this check: " + e);
        }
        return new CredentialVerification(run.verdict(), vc == null ? null : vc.path("id").asText(null),
                vc == null ? null : issuerId(vc), vc == null ? null : vc.path("credentialSubject").path("certificateNumber").asText(null),
                now.toString(), List.copyOf(run.steps), List.copyOf(run.problems));
    }

    private void checks(JsonNode vc, Instant now, Run run) {
        String issuer = issuerId(vc);
        run.current = VerificationReport.CANONICAL_HASH;
        EcdsaJcs2019.HashData hash;
        try {
            hash = EcdsaJcs2019.hashData(unsecured(vc), proofOptions(vc));
            run.pass(VerificationReport.CANONICAL_HASH, "RFC 8785 canonical document SHA-256 " + Hashes.hex(hash.documentHash())
                    + ", proof configuration SHA-256 " + Hashes.hex(hash.proofConfigHash()));
        } catch (Jcs.JcsException | IllegalArgumentException e) {
            run.fail(VerificationReport.CANONICAL_HASH, PROOF_TRANSFORMATION_ERROR, "the credential cannot be canonicalized: "
                    + e.getMessage());
            run.skipRest("the credential could not be canonicalized");
            return;
        }
        run.current = VerificationReport.REGION_SIGNATURE;
        ProofCheck proof = checkProof(vc, hash, issuer);
        if (proof.ok) {
            run.pass(VerificationReport.REGION_SIGNATURE, proof.reason);
        } else {
            run.fail(VerificationReport.REGION_SIGNATURE, proof.problem, proof.reason);
        }
        run.current = VerificationReport.MERKLE_PATH;
        merklePath(vc, issuer, run);
        run.na(VerificationReport.ISSUER_ACCREDITED, "not checkable offline: the chaincode refused the certificate at "
                + "issue unless the center was accredited for it; verify online for the accreditation in force");
        run.current = VALIDITY_PERIOD;
        validityPeriod(vc, now, run);
        run.current = VerificationReport.STATUS;
        status(vc, issuer, now, run);
        run.current = VerificationReport.HOLDER;
        holder(vc, run);
    }

    // ------------------------------------------------------------------ RECORD

    private JsonNode record(String json, Run run) {
        run.current = VerificationReport.RECORD;
        JsonNode vc;
        try {
            vc = Jcs.parse(json);
        } catch (Jcs.JcsException e) {
            run.fail(VerificationReport.RECORD, PARSING_ERROR, "the credential cannot be read: " + e.getMessage());
            return null;
        }
        String problem = wellFormed(vc);
        if (problem != null) {
            run.fail(VerificationReport.RECORD, MALFORMED_VALUE_ERROR, problem);
            return null;
        }
        run.pass(VerificationReport.RECORD, "a Verifiable Credential 2.0 (" + vc.path("type") + ") by " + issuerId(vc));
        return vc;
    }

    /** What makes {@code vc} not a credential this verifier can check, or {@code null}. */
    private static String wellFormed(JsonNode vc) {
        if (!vc.isObject()) {
            return "the credential is a JSON " + vc.getNodeType().name().toLowerCase() + ", not an object";
        }
        JsonNode context = vc.get("@context");
        if (context == null || !context.isArray() || context.isEmpty()) {
            return "@context is missing or not an array; a VC 2.0 credential starts it with " + Vocabulary.CREDENTIALS_V2;
        }
        if (!Vocabulary.CREDENTIALS_V2.equals(context.get(0).asText())) {
            return "@context starts with " + context.get(0) + ", not " + Vocabulary.CREDENTIALS_V2
                    + " (VC 2.0 §4.3); this is not a VC 2.0 credential";
        }
        boolean examples = false;
        for (JsonNode c : context) {
            if (!c.isTextual() || !Vocabulary.KNOWN_CONTEXTS.contains(c.asText())) {
                return "unknown context " + c + ": this verifier knows " + Vocabulary.KNOWN_CONTEXTS
                        + "; a term it cannot interpret could change the meaning of what is signed";
            }
            examples |= Vocabulary.EXAMPLES_V2.equals(c.asText());
        }
        JsonNode type = vc.get("type");
        if (type == null || !type.isArray()) {
            return "type is missing or not an array; it must list VerifiableCredential";
        }
        boolean credential = false;
        for (JsonNode t : type) {
            credential |= Vocabulary.VERIFIABLE_CREDENTIAL.equals(t.asText());
            if (!t.isTextual() || (!examples && !Vocabulary.KNOWN_TYPES.contains(t.asText()))) {
                return "unknown type " + t + ": with the contexts given this verifier knows " + Vocabulary.KNOWN_TYPES;
            }
        }
        if (!credential) {
            return "type " + type + " does not include VerifiableCredential";
        }
        if (issuerId(vc) == null) {
            return "issuer is missing; it must be a URL or an object with an id";
        }
        for (String member : new String[] {"validFrom", "validUntil"}) {
            if (vc.has(member) && instant(vc.get(member)) == null) {
                return member + " " + vc.get(member) + " is not an XML Schema dateTimeStamp with a time zone, e.g. 2026-12-01T08:00:00Z";
            }
        }
        if (!vc.path("credentialSubject").isObject() && !vc.path("credentialSubject").isArray()) {
            return "credentialSubject is missing";
        }
        if (!vc.path("proof").isObject()) {
            return vc.has("proof") ? "proof is not one object (proof sets and chains are not supported)"
                    : "the credential has no proof: it is not verifiable (was it exported without signing?)";
        }
        return null;
    }

    // ------------------------------------------------------------------ proof

    private record ProofCheck(boolean ok, String reason, String problem, PublicKey key) {
        static ProofCheck failed(String problem, String reason) {
            return new ProofCheck(false, reason, problem, null);
        }
    }

    private static JsonNode unsecured(JsonNode vc) {
        com.fasterxml.jackson.databind.node.ObjectNode doc = ((com.fasterxml.jackson.databind.node.ObjectNode) vc).deepCopy();
        doc.remove("proof");
        JsonNode proofContext = vc.path("proof").get("@context");
        if (proofContext != null) {
            doc.set("@context", proofContext);
        }
        return doc;
    }

    private static JsonNode proofOptions(JsonNode vc) {
        return vc.path("proof");
    }

    /** The proof of {@code doc} checked against a key of {@code issuer} (or a did:key). */
    private ProofCheck checkProof(JsonNode doc, EcdsaJcs2019.HashData hash, String issuer) {
        JsonNode proof = doc.path("proof");
        String type = proof.path("type").asText();
        if (!EcdsaJcs2019.PROOF_TYPE.equals(type)) {
            return ProofCheck.failed(PROOF_VERIFICATION_ERROR, "proof type \"" + type + "\" is not DataIntegrityProof, "
                    + "the only proof type this verifier checks");
        }
        String suite = proof.path("cryptosuite").asText();
        if (!EcdsaJcs2019.CRYPTOSUITE.equals(suite)) {
            return ProofCheck.failed(PROOF_VERIFICATION_ERROR, "wrong cryptosuite \"" + suite + "\": this verifier "
                    + "checks ecdsa-jcs-2019 only");
        }
        if (!Vocabulary.ASSERTION_METHOD.equals(proof.path("proofPurpose").asText())) {
            return ProofCheck.failed(PROOF_VERIFICATION_ERROR, "proofPurpose is \"" + proof.path("proofPurpose").asText()
                    + "\"; a credential's proof must be for assertionMethod");
        }
        JsonNode proofContext = proof.get("@context");
        if (proofContext != null && !startsWith(doc.path("@context"), proofContext)) {
            return ProofCheck.failed(PROOF_VERIFICATION_ERROR, "the proof's @context " + proofContext
                    + " is not the start of the credential's @context " + doc.path("@context"));
        }
        Instant created = proof.has("created") ? instant(proof.get("created")) : null;
        if (proof.has("created") && created == null) {
            return ProofCheck.failed(MALFORMED_VALUE_ERROR, "proof created " + proof.get("created") + " is not a dateTimeStamp");
        }
        byte[] signature;
        try {
            signature = Multibase.decodeBase58btc(proof.path("proofValue").asText(null), "proofValue");
        } catch (Multibase.MultibaseException e) {
            return ProofCheck.failed(MALFORMED_VALUE_ERROR, e.getMessage());
        }
        if (signature.length != 64) {
            return ProofCheck.failed(MALFORMED_VALUE_ERROR, "proofValue holds " + signature.length
                    + " bytes; an ecdsa-jcs-2019 P-256 signature is r||s, 64 bytes");
        }
        String methodId = proof.path("verificationMethod").asText("");
        KeyLookup key = resolve(methodId, issuer, created);
        if (key.key == null) {
            return ProofCheck.failed(key.problem, key.reason);
        }
        if (!EcdsaJcs2019.verify(hash.hashData(), signature, key.key)) {
            return ProofCheck.failed(CRYPTOGRAPHIC_SECURITY_ERROR, "the ecdsa-jcs-2019 signature does not verify under "
                    + methodId + ": the credential or its proof was altered after signing, or it was signed with another key");
        }
        return new ProofCheck(true, "ecdsa-jcs-2019 signature valid under " + methodId + " (" + key.reason + ")", null, key.key);
    }

    private record KeyLookup(PublicKey key, String reason, String problem) {
    }

    /** The public key named {@code methodId}, usable by {@code issuer} at {@code created}. */
    private KeyLookup resolve(String methodId, String issuer, Instant created) {
        int hashAt = methodId.indexOf('#');
        String controller = hashAt < 0 ? methodId : methodId.substring(0, hashAt);
        if (controller.startsWith(DID_KEY)) {
            String multikey = controller.substring(DID_KEY.length());
            if (hashAt >= 0 && !methodId.substring(hashAt + 1).equals(multikey)) {
                return new KeyLookup(null, "did:key verification method " + methodId + " names another key in its fragment",
                        MALFORMED_VALUE_ERROR);
            }
            try {
                return new KeyLookup(Multikey.decode(multikey), "a self-describing did:key; no controller document binds it to "
                        + "the issuer " + issuer, null);
            } catch (Multibase.MultibaseException e) {
                return new KeyLookup(null, "did:key " + controller + ": " + e.getMessage(), MALFORMED_VALUE_ERROR);
            }
        }
        if (!controller.equals(issuer)) {
            return new KeyLookup(null, "the proof's key " + methodId + " is not the issuer's: the issuer is " + issuer
                    + ", so the key must be one of its controller document's", CRYPTOGRAPHIC_SECURITY_ERROR);
        }
        JsonNode doc = controllers.get(controller);
        if (doc == null) {
            return new KeyLookup(null, "no controller document for " + controller + " was given: pass the issuer's "
                    + "(for a did:web, DOMAIN/.well-known/did.json) to check its key", PROOF_VERIFICATION_ERROR);
        }
        JsonNode method = ControllerDocument.method(doc, methodId).orElse(null);
        if (method == null || !ControllerDocument.listsFor(doc, Vocabulary.ASSERTION_METHOD, methodId)) {
            return new KeyLookup(null, "the controller document of " + controller + " has no assertion method "
                    + methodId, PROOF_VERIFICATION_ERROR);
        }
        if (!Vocabulary.MULTIKEY.equals(method.path("type").asText()) || !controller.equals(method.path("controller").asText())) {
            return new KeyLookup(null, "verification method " + methodId + " is not a Multikey controlled by " + controller,
                    MALFORMED_VALUE_ERROR);
        }
        Instant from = method.has("validFrom") ? instant(method.get("validFrom")) : null;
        Instant expires = method.has("expires") ? instant(method.get("expires")) : null;
        Instant revoked = method.has("revoked") ? instant(method.get("revoked")) : null;
        if ((from != null || expires != null || revoked != null) && created == null) {
            return new KeyLookup(null, "the proof has no created time, so it cannot be placed within the term of "
                    + methodId, MALFORMED_VALUE_ERROR);
        }
        String term = "key term " + (from == null ? "open" : from) + " to " + (expires == null ? "now (current key)" : expires);
        if ((from != null && created.isBefore(from)) || (expires != null && !created.isBefore(expires))
                || (revoked != null && !created.isBefore(revoked))) {
            return new KeyLookup(null, "the proof was created at " + created + ", outside the " + term + " of "
                    + methodId + (revoked != null ? " (revoked " + revoked + ")" : "")
                    + ": a rotated key signs nothing after its rotation", CRYPTOGRAPHIC_SECURITY_ERROR);
        }
        try {
            return new KeyLookup(Multikey.decode(method.path("publicKeyMultibase").asText(null)),
                    "created " + created + " within the " + term, null);
        } catch (Multibase.MultibaseException e) {
            return new KeyLookup(null, methodId + ": " + e.getMessage(), MALFORMED_VALUE_ERROR);
        }
    }

    // ------------------------------------------------------------------ Merkle path

    private void merklePath(JsonNode vc, String issuer, Run run) {
        JsonNode batch = vc.path("ledgerRecord").get("batch");
        if (batch == null) {
            run.na(VerificationReport.MERKLE_PATH, isSkillCertificate(vc) ? "issued alone, not in a batch"
                    : "not a registry skill certificate; no ledger record to tie it to");
            return;
        }
        CertificateClaims claims;
        List<MerkleTree.ProofStep> path;
        try {
            claims = SkillCredential.claims(vc);
            path = SkillCredential.merklePath(batch);
        } catch (RuntimeException e) {
            run.fail(VerificationReport.MERKLE_PATH, MALFORMED_VALUE_ERROR, "the ledger record cannot be read: " + e.getMessage());
            return;
        }
        String root = batch.path("merkleRoot").asText("");
        if (!CertificateAttestation.leadsToRoot(claims, path, root)) {
            run.fail(VerificationReport.MERKLE_PATH, CRYPTOGRAPHIC_SECURITY_ERROR, "the Merkle path from the certificate's claims "
                    + "does not lead to the batch root " + root + ": the claims or the path were altered");
            return;
        }
        int sequence = batch.path("attestationSequence").asInt(-1);
        String methodId = ControllerDocument.methodId(issuer, sequence);
        JsonNode doc = controllers.get(issuer);
        JsonNode method = doc == null ? null : ControllerDocument.method(doc, methodId).orElse(null);
        if (method == null) {
            run.fail(VerificationReport.MERKLE_PATH, PROOF_VERIFICATION_ERROR, "the path leads to batch root " + root
                    + ", but the batch signature's key " + methodId + " is not in a controller document given");
            return;
        }
        BatchHeader header = new BatchHeader(claims.region(), claims.centerId(), batch.path("count").asInt(), root);
        boolean signed;
        try {
            signed = Signatures.verify(Multikey.decode(method.path("publicKeyMultibase").asText(null)),
                    CertificateAttestation.signedBytes(header), Hashes.fromHex(batch.path("signature").asText("")));
        } catch (RuntimeException e) {
            signed = false;
        }
        if (!signed) {
            run.fail(VerificationReport.MERKLE_PATH, CRYPTOGRAPHIC_SECURITY_ERROR, "the path leads to batch root " + root
                    + ", but the region's batch signature does not verify under " + methodId);
            return;
        }
        // The path's sides fix the leaf's place; the index the record states must be that place
        // in a tree of the signed count (CredentialTamperingIT found an altered index accepted).
        int index = batch.path("leafIndex").asInt(-1);
        List<String> sides = path.stream().map(MerkleTree.ProofStep::side).toList();
        if (index < 0 || index >= header.count() || !MerkleTree.sides(index, header.count()).equals(sides)) {
            run.fail(VerificationReport.MERKLE_PATH, CRYPTOGRAPHIC_SECURITY_ERROR, "the path leads to batch root " + root
                    + ", but not from leaf " + batch.path("leafIndex") + " of " + header.count() + ": the leaf index was altered");
            return;
        }
        run.pass(VerificationReport.MERKLE_PATH, "leaf " + batch.path("leafIndex").asInt() + " of " + header.count()
                + " leads to batch root " + root + ", signed by the region under " + methodId);
    }

    private static boolean isSkillCertificate(JsonNode vc) {
        for (JsonNode t : vc.path("type")) {
            if (Vocabulary.SKILL_CERTIFICATE_CREDENTIAL.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ validity, status, holder

    private static void validityPeriod(JsonNode vc, Instant now, Run run) {
        Instant from = vc.has("validFrom") ? instant(vc.get("validFrom")) : null;
        Instant until = vc.has("validUntil") ? instant(vc.get("validUntil")) : null;
        if (from != null && now.isBefore(from)) {
            run.fail(VALIDITY_PERIOD, RANGE_ERROR, "not yet valid: validFrom " + from + " is after " + now);
        } else if (until != null && now.isAfter(until)) {
            run.fail(VALIDITY_PERIOD, RANGE_ERROR, "expired: validUntil " + until + " is before " + now);
        } else {
            run.pass(VALIDITY_PERIOD, "valid from " + (from == null ? "(no start)" : from) + " until "
                    + (until == null ? "(no end: the certificate does not expire)" : until));
        }
    }

    private void status(JsonNode vc, String issuer, Instant now, Run run) {
        JsonNode status = vc.get("credentialStatus");
        if (status == null) {
            run.na(VerificationReport.STATUS, "the credential has no credentialStatus: it cannot be revoked or suspended");
            return;
        }
        List<JsonNode> entries = new ArrayList<>();
        if (status.isArray()) {
            status.forEach(entries::add);
        } else {
            entries.add(status);
        }
        List<String> passed = new ArrayList<>();
        String problem = null;
        List<String> failed = new ArrayList<>();
        for (JsonNode entry : entries) {
            EntryCheck check = entry(entry, issuer, now);
            if (check.problem == null) {
                passed.add(check.reason);
            } else {
                failed.add(check.reason);
                problem = problem == null ? check.problem : problem;
            }
        }
        if (failed.isEmpty()) {
            run.pass(VerificationReport.STATUS, String.join("; ", passed));
        } else {
            run.fail(VerificationReport.STATUS, problem, String.join("; ", failed));
        }
    }

    private record EntryCheck(String reason, String problem) {
    }

    /**
     * A status list credential checked once per verifier (its proof, issuer and bits do not
     * change; its freshness depends on the time and is checked on every use): verifying many
     * credentials against the same lists then costs one signature check each, not three.
     */
    private record ListState(JsonNode list, BitstringStatusList bits, EntryCheck failure) {
        static ListState failed(String reason, String problem) {
            return new ListState(null, null, new EntryCheck(reason, problem));
        }
    }

    private ListState checkList(String url, String issuer) {
        String listJson = statusLists.get(url);
        if (listJson == null) {
            return ListState.failed("no status list credential " + url + " was given: fetch it and pass it "
                    + "(e.g. --status-list FILE)", STATUS_RETRIEVAL_ERROR);
        }
        JsonNode list;
        try {
            list = Jcs.parse(listJson);
        } catch (Jcs.JcsException e) {
            return ListState.failed("the status list credential " + url + " cannot be read: " + e.getMessage(), STATUS_RETRIEVAL_ERROR);
        }
        String malformed = wellFormed(list);
        if (malformed == null && !hasType(list, Vocabulary.STATUS_LIST_CREDENTIAL)) {
            malformed = "it is not a BitstringStatusListCredential";
        }
        if (malformed != null) {
            return ListState.failed("the status list credential " + url + " is malformed: " + malformed, STATUS_VERIFICATION_ERROR);
        }
        if (!issuer.equals(issuerId(list))) {
            return ListState.failed("the status list " + url + " was issued by " + issuerId(list)
                    + ", not by the credential's issuer " + issuer, STATUS_VERIFICATION_ERROR);
        }
        ProofCheck proof;
        try {
            proof = checkProof(list, EcdsaJcs2019.hashData(unsecured(list), proofOptions(list)), issuer);
        } catch (Jcs.JcsException e) {
            proof = ProofCheck.failed(STATUS_VERIFICATION_ERROR, e.getMessage());
        }
        if (!proof.ok) {
            return ListState.failed("the status list " + url + " does not verify (tampered, or not the issuer's): "
                    + proof.reason, STATUS_VERIFICATION_ERROR);
        }
        try {
            return new ListState(list, BitstringStatusList.decode(list.path("credentialSubject").path("encodedList").asText(null)), null);
        } catch (BitstringStatusList.StatusListException e) {
            return ListState.failed(e.getMessage(), e.tooShort() ? STATUS_LIST_LENGTH_ERROR : STATUS_VERIFICATION_ERROR);
        }
    }

    private EntryCheck entry(JsonNode entry, String issuer, Instant now) {
        String purpose = entry.path("statusPurpose").asText("?");
        if (!Vocabulary.STATUS_LIST_ENTRY.equals(entry.path("type").asText())) {
            return new EntryCheck(purpose + ": status type " + entry.path("type") + " is not BitstringStatusListEntry, "
                    + "the only one this verifier reads", MALFORMED_VALUE_ERROR);
        }
        if (entry.has("statusSize") && entry.path("statusSize").asInt(-1) != 1) {
            return new EntryCheck(purpose + ": statusSize " + entry.get("statusSize") + " is not supported (only 1)",
                    MALFORMED_VALUE_ERROR);
        }
        String indexText = entry.path("statusListIndex").asText("");
        long index;
        try {
            index = Long.parseLong(indexText);
            if (index < 0 || !indexText.matches("[0-9]+")) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return new EntryCheck(purpose + ": statusListIndex \"" + indexText + "\" is not a non-negative integer in a string",
                    MALFORMED_VALUE_ERROR);
        }
        String url = entry.path("statusListCredential").asText("");
        ListState state = lists.computeIfAbsent(url + "\n" + issuer, key -> checkList(url, issuer));
        if (state.failure != null) {
            return new EntryCheck(purpose + ": " + state.failure.reason, state.failure.problem);
        }
        JsonNode list = state.list;
        Instant from = list.has("validFrom") ? instant(list.get("validFrom")) : null;
        Instant until = list.has("validUntil") ? instant(list.get("validUntil")) : null;
        if (until == null || now.isAfter(until) || (from != null && now.isBefore(from))) {
            return new EntryCheck(purpose + ": the status list " + url + " is stale: valid " + from + " to " + until
                    + ", checked at " + now + "; fetch a fresh one from the issuer", STATUS_VERIFICATION_ERROR);
        }
        JsonNode subject = list.path("credentialSubject");
        if (!purpose.equals(subject.path("statusPurpose").asText())) {
            return new EntryCheck(purpose + ": the status list " + url + " is for " + subject.path("statusPurpose")
                    + ", not " + purpose, STATUS_VERIFICATION_ERROR);
        }
        BitstringStatusList bits = state.bits;
        if (index >= bits.length()) {
            return new EntryCheck(purpose + ": index " + index + " is out of range: the list " + url + " has "
                    + bits.length() + " entries", RANGE_ERROR);
        }
        boolean set = bits.get((int) index);
        String where = "index " + index + " of " + url + ", list valid until " + until;
        if (set) {
            return new EntryCheck(purpose + ": the credential is " + (Vocabulary.REVOCATION.equals(purpose) ? "REVOKED"
                    : Vocabulary.SUSPENSION.equals(purpose) ? "SUSPENDED" : "flagged for " + purpose) + " (" + where + ")",
                    STATUS_VERIFICATION_ERROR);
        }
        return new EntryCheck(purpose + ": not set (" + where + ")", null);
    }

    private static void holder(JsonNode vc, Run run) {
        JsonNode subject = vc.path("credentialSubject");
        if (!subject.has("holderSalt") || !subject.has("holderCommitment")) {
            run.na(VerificationReport.HOLDER, "the credential does not disclose its holder; the commitment binds it, "
                    + "and the holder proves it by presenting their name, ID number and salt");
            return;
        }
        try {
            String commitment = Holder.commitment(Hashes.fromHex(subject.path("holderSalt").asText()),
                    new Holder.HolderDetails(subject.path("name").asText(null), subject.path("residentIdNumber").asText(null)));
            if (commitment.equals(subject.path("holderCommitment").asText())) {
                run.pass(VerificationReport.HOLDER, "the disclosed name and ID number with the salt give the holder commitment");
            } else {
                run.fail(VerificationReport.HOLDER, CRYPTOGRAPHIC_SECURITY_ERROR, "the disclosed name, ID number and salt do "
                        + "not give the holder commitment: this is not the holder's credential");
            }
        } catch (RuntimeException e) {
            run.fail(VerificationReport.HOLDER, MALFORMED_VALUE_ERROR, "the disclosed holder details are malformed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static boolean hasType(JsonNode vc, String type) {
        for (JsonNode t : vc.path("type")) {
            if (type.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(JsonNode context, JsonNode prefix) {
        if (!context.isArray() || !prefix.isArray() || prefix.size() > context.size()) {
            return context.equals(prefix);
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!prefix.get(i).equals(context.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String issuerId(JsonNode vc) {
        JsonNode issuer = vc.get("issuer");
        if (issuer == null) {
            return null;
        }
        String id = issuer.isTextual() ? issuer.asText() : issuer.path("id").asText(null);
        return id == null || id.isBlank() ? null : id;
    }

    /** A dateTimeStamp (with zone) as an instant, or {@code null}. */
    static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The steps so far; a failed check adds its problem detail. */
    private static final class Run {
        private static final List<String> ORDER = List.of(VerificationReport.RECORD, VerificationReport.CANONICAL_HASH,
                VerificationReport.REGION_SIGNATURE, VerificationReport.MERKLE_PATH, VerificationReport.ISSUER_ACCREDITED,
                VALIDITY_PERIOD, VerificationReport.STATUS, VerificationReport.HOLDER);
        final List<Step> steps = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        String current = VerificationReport.RECORD;

        void pass(String check, String reason) {
            steps.add(new Step(check, PASS, reason));
        }

        void na(String check, String reason) {
            steps.add(new Step(check, NOT_APPLICABLE, reason));
        }

        void fail(String check, String problemType, String reason) {
            steps.add(new Step(check, FAIL, reason));
            problems.add(new Problem(problemType, problemType.substring(problemType.indexOf('#') + 1), reason, check));
        }

        /** Every check not made yet, as not applicable because of {@code why}. */
        void skipRest(String why) {
            for (String check : ORDER) {
                if (steps.stream().noneMatch(s -> s.check().equals(check))) {
                    na(check, "not checked: " + why);
                }
            }
        }

        String verdict() {
            return steps.stream().anyMatch(s -> FAIL.equals(s.result())) ? VerificationReport.INVALID : VerificationReport.VALID;
        }
    }
}
