package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.credential.CredentialVerification;
import cn.cdcq.registry.common.credential.CredentialVerifier;
import cn.cdcq.registry.common.credential.EcdsaJcs2019;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with portable credentials (issue 16 item 6), on the real network: a credential of a
 * batch certificate and one of a certificate issued alone are exported by Chongqing's service,
 * then changed in every way the sweep can name, and each change is given to online verification
 * (Chongqing's public {@code POST /api/v1/public/credentials/verification}) and to offline
 * verification (the library's {@link CredentialVerifier} in this JVM, with the controller document
 * and status lists fetched once). None may come out VALID; the untouched credentials must.
 *
 * <p>The changes: every scalar value altered (strings, numbers, booleans), every member removed,
 * every array element removed, the Merkle path's steps swapped and each step's side flipped; parts
 * of another credential put in (its proof, its ledger record, its subject); a proof made by a key
 * the ledger never registered but naming the region's key; and, to show the inner layer holds on
 * its own, the Merkle path, the batch root, the leaf index and the batch signature altered and the
 * outer proof made again with the region's genuine key, so that only the Merkle check can catch it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialTamperingIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path FIGURES = Path.of("target", "credential-tampering.txt");

    private E2eServices services;
    private E2eNetwork net;
    private Service cqAdmin;
    private Service cqPublic;
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;
    private ObjectNode batched;
    private ObjectNode batchedSibling;
    private ObjectNode single;

    @BeforeAll
    void issueAndExport() throws Exception {
        services = new E2eServices();
        net = new E2eNetwork();
        today = LocalDate.now(CHINA);
        cqAdmin = services.admin("chongqing");
        cqPublic = cqAdmin.anonymous();
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("%s", bootstrap).isZero();

        String centerId = TestValues.newUscc("5250000MJ");
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Chongqing Tampering Test Center " + site).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        assertThat(services.post(cqAdmin, "/api/v1/accreditations", accreditation).status()).isEqualTo(201);
        Service center = services.createAccount(cqAdmin, "cq-tamper-center-" + site, "TRAINING_CENTER", "centerId", centerId);

        String alone = number(3);
        Answer issued = services.post(center, "/api/v1/certificates", body(alone, 3, holder(1))
                .put("expiryDate", today.plusYears(5).toString()));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        ObjectNode batch = Json.mapper().createObjectNode();
        ArrayNode entries = batch.putArray("certificates");
        String[] numbers = {number(4), number(4), number(4), number(4), number(4)};
        for (int i = 0; i < numbers.length; i++) {
            entries.add(body(numbers[i], 4, holder(10 + i)));
        }
        Answer batchIssued = services.post(center, "/api/v1/certificate-batches", batch);
        assertThat(batchIssued.status()).as("%s", batchIssued).isEqualTo(201);

        single = export(alone);
        batched = export(numbers[2]);
        batchedSibling = export(numbers[3]);
        assertThat(batched.path("ledgerRecord").path("batch").path("merklePath").size()).isEqualTo(3);
        Files.deleteIfExists(FIGURES);
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void noAlterationOfACredentialVerifiesOnlineOrOfflineAndTheGenuineOnesDo() throws Exception {
        CredentialVerifier offline = offlineVerifier();
        // The controls: untouched, both credentials are VALID both ways.
        for (ObjectNode genuine : List.of(single, batched, batchedSibling)) {
            assertThat(offline.verify(genuine.toString(), Instant.now()).verdict()).isEqualTo("VALID");
            assertThat(online(genuine).path("verdict").asText()).isEqualTo("VALID");
        }

        Map<String, ObjectNode> cases = new LinkedHashMap<>();
        sweep("single", single, cases);
        sweep("batch", batched, cases);
        composed(cases);

        Map<String, Integer> failedChecksOffline = new TreeMap<>();
        Map<String, Integer> failedChecksOnline = new TreeMap<>();
        List<String> acceptedOffline = new ArrayList<>();
        List<String> acceptedOnline = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> c : cases.entrySet()) {
            CredentialVerification off = offline.verify(c.getValue().toString(), Instant.now());
            if ("VALID".equals(off.verdict())) {
                acceptedOffline.add(c.getKey());
            }
            off.steps().stream().filter(s -> "FAIL".equals(s.result())).findFirst()
                    .ifPresent(s -> failedChecksOffline.merge(s.check(), 1, Integer::sum));
            JsonNode on = online(c.getValue());
            if ("VALID".equals(on.path("verdict").asText())) {
                acceptedOnline.add(c.getKey());
            }
            for (JsonNode s : on.path("steps")) {
                if ("FAIL".equals(s.path("result").asText())) {
                    failedChecksOnline.merge(s.path("check").asText(), 1, Integer::sum);
                    break;
                }
            }
        }
        record("altered credentials checked (each online and offline)", Integer.toString(cases.size()));
        record("first failed check, offline", failedChecksOffline.toString());
        record("first failed check, online", failedChecksOnline.toString());
        record("accepted offline / online", acceptedOffline.size() + " / " + acceptedOnline.size());

        assertThat(cases).hasSizeGreaterThan(150);
        assertThat(acceptedOffline).as("altered credentials the offline verifier found VALID").isEmpty();
        assertThat(acceptedOnline).as("altered credentials the service found VALID").isEmpty();
    }

    @Test
    void withTheOuterProofMadeAgainByTheRegionsKeyOnlyTheMerkleCheckCatchesAnAlteredBatchRecord() throws Exception {
        CredentialVerifier offline = offlineVerifier();
        PrivateKey regionKey = net.attestationKey("chongqing");
        Map<String, Consumer<ObjectNode>> inner = new LinkedHashMap<>();
        inner.put("a Merkle path step's hash", vc -> step(vc, 0).put("hash", flipHex(step(vc, 0).path("hash").asText())));
        inner.put("a Merkle path step's side", vc -> step(vc, 1).put("side", "L".equals(step(vc, 1).path("side").asText()) ? "R" : "L"));
        inner.put("the batch root", vc -> batchOf(vc).put("merkleRoot", flipHex(batchOf(vc).path("merkleRoot").asText())));
        inner.put("the leaf index", vc -> batchOf(vc).put("leafIndex", batchOf(vc).path("leafIndex").asInt() + 1));
        inner.put("the batch count", vc -> batchOf(vc).put("count", batchOf(vc).path("count").asInt() + 1));
        inner.put("the batch signature", vc -> batchOf(vc).put("signature", flipHex(batchOf(vc).path("signature").asText())));
        inner.put("the subject's level", vc -> ((ObjectNode) vc.path("credentialSubject")).put("level", 3));
        inner.put("the subject's holder commitment", vc -> ((ObjectNode) vc.path("credentialSubject"))
                .put("holderCommitment", flipHex(vc.path("credentialSubject").path("holderCommitment").asText())));
        inner.put("another member's Merkle path", vc -> batchOf(vc).set("merklePath",
                batchedSibling.path("ledgerRecord").path("batch").path("merklePath").deepCopy()));
        int caught = 0;
        for (Map.Entry<String, Consumer<ObjectNode>> e : inner.entrySet()) {
            ObjectNode altered = batched.deepCopy();
            e.getValue().accept(altered);
            ObjectNode reproofed = reproof(altered, regionKey);
            CredentialVerification off = offline.verify(reproofed.toString(), Instant.now());
            assertThat(off.step("REGION_SIGNATURE").orElseThrow().result()).as("%s: the new outer proof is good", e.getKey())
                    .isEqualTo("PASS");
            assertThat(off.verdict()).as("%s offline", e.getKey()).isNotEqualTo("VALID");
            assertThat(off.step("MERKLE_PATH").orElseThrow().result()).as("%s: %s", e.getKey(), off.steps()).isEqualTo("FAIL");
            JsonNode on = online(reproofed);
            assertThat(on.path("verdict").asText()).as("%s online", e.getKey()).isNotEqualTo("VALID");
            caught++;
        }
        // The control: the untouched record with a new proof by the same key still verifies.
        assertThat(offline.verify(reproof(batched.deepCopy(), regionKey).toString(), Instant.now()).verdict()).isEqualTo("VALID");
        record("batch records altered under a fresh genuine outer proof, caught by MERKLE_PATH", Integer.toString(caught));
    }

    // ------------------------------------------------------------------ the sweep

    /**
     * Not removed (altering it is a case): ecdsa-jcs-2019 lets a proof carry no {@code @context},
     * and then the document's is used, so the signed bytes are the same.
     */
    private static final String PROOF_CONTEXT = "/proof/@context";

    /** Every scalar altered, every member and array element removed, of {@code vc}. */
    private static void sweep(String name, ObjectNode vc, Map<String, ObjectNode> cases) {
        List<String> paths = new ArrayList<>();
        collect(vc, "", paths);
        for (String path : paths) {
            ObjectNode altered = vc.deepCopy();
            if (alter(altered, path)) {
                cases.put(name + ": " + path + " altered", altered);
            }
            ObjectNode removed = vc.deepCopy();
            if (!path.startsWith(PROOF_CONTEXT + "/") && remove(removed, path)) {
                cases.put(name + ": " + path + " removed", removed);
            }
        }
        List<String> containers = new ArrayList<>();
        containers(vc, "", containers);
        for (String path : containers) {
            if (path.equals(PROOF_CONTEXT)) {
                continue;
            }
            ObjectNode removed = vc.deepCopy();
            if (remove(removed, path)) {
                cases.put(name + ": " + path + " removed", removed);
            }
        }
    }

    /** Changes that take parts of other credentials or other keys. */
    private void composed(Map<String, ObjectNode> cases) throws Exception {
        ObjectNode swapped = batched.deepCopy();
        ArrayNode path = (ArrayNode) swapped.path("ledgerRecord").path("batch").path("merklePath");
        JsonNode first = path.get(0).deepCopy();
        path.set(0, path.get(1).deepCopy());
        path.set(1, first);
        cases.put("batch: two Merkle path steps swapped", swapped);
        for (int i = 0; i < batched.path("ledgerRecord").path("batch").path("merklePath").size(); i++) {
            ObjectNode flipped = batched.deepCopy();
            ObjectNode step = step(flipped, i);
            step.put("side", "L".equals(step.path("side").asText()) ? "R" : "L");
            cases.put("batch: Merkle path step " + i + "'s side flipped", flipped);
        }
        ObjectNode otherProof = batched.deepCopy();
        otherProof.set("proof", batchedSibling.path("proof").deepCopy());
        cases.put("batch: the proof of another member's credential", otherProof);
        ObjectNode otherRecord = batched.deepCopy();
        otherRecord.set("ledgerRecord", batchedSibling.path("ledgerRecord").deepCopy());
        cases.put("batch: another member's ledger record", otherRecord);
        ObjectNode otherSubject = batched.deepCopy();
        otherSubject.set("credentialSubject", batchedSibling.path("credentialSubject").deepCopy());
        cases.put("batch: another member's subject", otherSubject);
        ObjectNode singleWithBatch = single.deepCopy();
        ((ObjectNode) singleWithBatch.path("ledgerRecord")).set("batch", batched.path("ledgerRecord").path("batch").deepCopy());
        cases.put("single: a batch record put in", singleWithBatch);
        KeyPair stranger = E2eNetwork.newP256KeyPair();
        cases.put("batch: outer proof by a key the ledger never registered, naming the region's key",
                reproof(batched.deepCopy(), stranger.getPrivate()));
        ObjectNode alteredThenStranger = batched.deepCopy();
        ((ObjectNode) alteredThenStranger.path("credentialSubject")).put("level", 2);
        cases.put("batch: level raised and proved by a stranger's key", reproof(alteredThenStranger, stranger.getPrivate()));
        ObjectNode otherMethod = reproof(batched.deepCopy(), stranger.getPrivate());
        ((ObjectNode) otherMethod.path("proof")).put("verificationMethod", "did:web:attacker.example#key-1");
        cases.put("batch: proof by another issuer's key", otherMethod);
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                collect(f.getValue(), path + "/" + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        } else {
            out.add(path);
        }
    }

    private static void containers(JsonNode node, String path, List<String> out) {
        if (node.isContainerNode() && !path.isEmpty()) {
            out.add(path);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> containers(f.getValue(), path + "/" + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                containers(node.get(i), path + "/" + i, out);
            }
        }
    }

    private static boolean alter(ObjectNode root, String path) {
        JsonNode parent = root.at(path.substring(0, path.lastIndexOf('/')));
        String last = path.substring(path.lastIndexOf('/') + 1);
        JsonNode value = root.at(path);
        JsonNode changed;
        if (value.isTextual()) {
            changed = TextNode.valueOf(alteredText(value.asText()));
        } else if (value.isIntegralNumber()) {
            changed = Json.mapper().getNodeFactory().numberNode(value.asLong() + 1);
        } else if (value.isBoolean()) {
            changed = Json.mapper().getNodeFactory().booleanNode(!value.asBoolean());
        } else {
            return false;
        }
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, changed);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), changed);
        }
        return true;
    }

    private static boolean remove(ObjectNode root, String path) {
        JsonNode parent = root.at(path.substring(0, path.lastIndexOf('/')));
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (parent.isObject()) {
            return ((ObjectNode) parent).remove(last) != null;
        }
        if (parent.isArray()) {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
            return true;
        }
        return false;
    }

    /** One character changed, in the middle: a digit to the next, a letter to another, else one appended. */
    private static String alteredText(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        int i = s.length() / 2;
        char c = s.charAt(i);
        char d = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                : c == 'a' ? 'b' : c == 'A' ? 'B' : Character.isLetter(c) ? (Character.isUpperCase(c) ? 'A' : 'a') : 'x';
        return s.substring(0, i) + d + s.substring(i + 1);
    }

    private static String flipHex(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static ObjectNode batchOf(ObjectNode vc) {
        return (ObjectNode) vc.path("ledgerRecord").path("batch");
    }

    private static ObjectNode step(ObjectNode vc, int i) {
        return (ObjectNode) vc.path("ledgerRecord").path("batch").path("merklePath").get(i);
    }

    /** {@code vc} with its proof made again, by {@code key}, under the same proof options. */
    private static ObjectNode reproof(ObjectNode vc, PrivateKey key) {
        ObjectNode options = ((ObjectNode) vc.path("proof")).deepCopy();
        options.remove("proofValue");
        options.remove("@context");
        vc.remove("proof");
        return EcdsaJcs2019.addProof(vc, options, hash -> Signatures.sign(key, hash));
    }

    // ------------------------------------------------------------------ the network

    private ObjectNode export(String number) {
        Answer exported = services.get(cqAdmin, "/api/v1/certificates/" + number + "/credential");
        assertThat(exported.status()).as("%s", exported).isEqualTo(200);
        return (ObjectNode) exported.body();
    }

    private JsonNode online(ObjectNode vc) {
        Answer answer = services.post(cqPublic, "/api/v1/public/credentials/verification", vc);
        assertThat(answer.status()).as("%s", answer).isIn(200, 400, 422);
        return answer.body();
    }

    private CredentialVerifier offlineVerifier() {
        return services.offlineVerifier(cqPublic);
    }

    private String number(int level) {
        return String.format("S000450%06d%02d%d%06d", site, today.getYear() % 100, level, ++serial);
    }

    private String[] holder(int person) {
        String first17 = "500101" + LocalDate.of(1970, 1, 1).plusDays((site + person) % 14000).toString().replace("-", "")
                + String.format("%03d", (site / 14000 + person) % 1000);
        return new String[]{"凭证工人" + person, first17 + ResidentIdNumber.checkCharacter(first17)};
    }

    private ObjectNode body(String number, int level, String[] holder) {
        return Json.mapper().createObjectNode().put("number", number).put("occupation", occupation).put("level", level)
                .put("issueDate", today.toString()).put("holderName", holder[0]).put("holderIdNumber", holder[1]);
    }

    private static void record(String what, String value) throws java.io.IOException {
        Files.createDirectories(FIGURES.getParent());
        Files.writeString(FIGURES, what + ": " + value + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
