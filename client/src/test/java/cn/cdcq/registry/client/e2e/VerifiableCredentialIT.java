package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.credential.BitstringStatusList;
import cn.cdcq.registry.common.credential.CredentialVerification;
import cn.cdcq.registry.common.credential.CredentialVerifier;
import cn.cdcq.registry.common.credential.EcdsaJcs2019;
import cn.cdcq.registry.common.credential.Jcs;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portable credentials on the real network and services: a Chongqing center issues a
 * certificate alone and three in a batch; each is exported as a signed Verifiable Credential
 * (REST and CLI), verified by the project's offline verifier (library, CLI and the public
 * endpoint) and by an independent Node verifier (npm canonicalize, WebCrypto,
 * @digitalbazaar/vc-bitstring-status-list) that resolves the region's did:web and reads the
 * served status lists; then the bureau revokes one and suspends another on the ledger, and both
 * verifiers see the bits flip within a bounded wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifiableCredentialIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path FIGURES = Path.of("target", "credential-figures.txt");
    /** How long a status change may take to reach the served list: events arrive within a second or two. */
    private static final long STATUS_WAIT_MILLIS = 20_000;

    private E2eServices services;
    private Service cqAdmin;
    private Service cqCenter;
    private Service cqPublic;
    private Path work;
    private Path node;
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;

    private String single;
    private String[] singleHolder;
    private String singleSalt;
    private String batched;
    private Path singleFile;
    private Path batchedFile;

    @BeforeAll
    void accreditACenterAndIssue() throws Exception {
        services = new E2eServices();
        work = Files.createDirectories(Path.of("target", "credential-it"));
        node = services.root.resolve(".data/node-interop/verify-credential.mjs");
        assertThat(node).as("the Node interop verifier: scripts/test.sh installs it (scripts/lib/interop.sh)").exists();
        today = LocalDate.now(CHINA);
        cqAdmin = services.admin("chongqing");
        cqPublic = cqAdmin.anonymous();
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("%s", bootstrap).isZero();

        String centerId = TestValues.withCheck("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Chongqing Credential Test Center " + site).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        cqCenter = services.createAccount(cqAdmin, "cq-vc-center-" + site, "TRAINING_CENTER", "centerId", centerId);

        single = number(3);
        singleHolder = holder(1);
        Answer issued = services.post(cqCenter, "/api/v1/certificates", certificateBody(single, 3, singleHolder)
                .put("expiryDate", today.plusYears(5).toString()));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        singleSalt = issued.body().path("certificate").path("holderSalt").asText();

        ObjectNode batch = Json.mapper().createObjectNode();
        var entries = batch.putArray("certificates");
        String[] numbers = {number(4), number(4), number(4)};
        for (int i = 0; i < numbers.length; i++) {
            entries.add(certificateBody(numbers[i], 4, holder(10 + i)));
        }
        Answer batchIssued = services.post(cqCenter, "/api/v1/certificate-batches", batch);
        assertThat(batchIssued.status()).as("%s", batchIssued).isEqualTo(201);
        batched = numbers[1];
        Files.deleteIfExists(FIGURES);
    }

    @Test
    @Order(1)
    void theRegionsDidDocumentListsItsAttestationKeysFromTheLedger() {
        Answer did = services.get(cqPublic, "/.well-known/did.json");
        assertThat(did.status()).as("%s", did).isEqualTo(200);
        assertThat(did.body().path("id").asText()).isEqualTo(didOf(cqPublic));
        JsonNode method = did.body().path("verificationMethod").get(0);
        assertThat(method.path("type").asText()).isEqualTo("Multikey");
        assertThat(method.path("publicKeyMultibase").asText()).startsWith("zDn");
        assertThat(method.path("validFrom").asText()).isNotBlank();
        Answer regions = services.get(cqAdmin, "/api/v1/regions/CQ/attestation-certificates");
        assertThat(regions.status()).as("%s", regions).isEqualTo(200);
        assertThat(did.body().path("verificationMethod")).hasSize(regions.body().size());
        assertThat(did.body().path("assertionMethod")).hasSize(did.body().path("verificationMethod").size());
    }

    @Test
    @Order(2)
    void aCertificateExportsAsASignedCredentialThatBothVerifiersAccept() throws Exception {
        Answer exported = services.get(cqCenter, "/api/v1/certificates/" + single + "/credential");
        assertThat(exported.status()).as("%s", exported).isEqualTo(200);
        JsonNode vc = exported.body();
        String text = vc.toString();
        assertThat(text).doesNotContain(singleHolder[0]).doesNotContain(singleHolder[1]).doesNotContain(singleSalt);
        assertThat(vc.path("issuer").path("id").asText()).isEqualTo(didOf(cqPublic));
        assertThat(vc.path("credentialSubject").path("certificateNumber").asText()).isEqualTo(single);
        assertThat(vc.path("proof").path("cryptosuite").asText()).isEqualTo("ecdsa-jcs-2019");
        assertThat(vc.path("credentialStatus")).hasSize(2);
        singleFile = work.resolve(single + ".json");
        Files.writeString(singleFile, text);
        record("exported credential (single issue), bytes as served (compact JSON)", String.valueOf(text.getBytes(StandardCharsets.UTF_8).length));

        CredentialVerification offline = offlineVerifier().verify(text, Instant.now());
        assertThat(offline.verdict()).as("%s", offline.steps()).isEqualTo("VALID");

        JsonNode independent = nodeVerify(singleFile);
        assertThat(independent.path("proofValid").asBoolean()).as("%s", independent).isTrue();
        EcdsaJcs2019.HashData hash = EcdsaJcs2019.hashData(vc, vc.path("proof"));
        assertThat(independent.path("documentHash").asText()).isEqualTo(Hashes.hex(hash.documentHash()));
        assertThat(independent.path("proofHash").asText()).isEqualTo(Hashes.hex(hash.proofConfigHash()));
        for (String purpose : new String[] {"revocation", "suspension"}) {
            JsonNode s = independent.path("status").path(purpose);
            assertThat(s.path("listProofValid").asBoolean()).as("%s", independent).isTrue();
            assertThat(s.path("length").asInt()).isGreaterThanOrEqualTo(131_072);
            assertThat(s.path("set").asBoolean()).as("%s", independent).isFalse();
        }

        Answer viaPublicEndpoint = services.post(cqPublic, "/api/v1/public/credentials/verification", vc);
        assertThat(viaPublicEndpoint.body().path("verdict").asText()).as("%s", viaPublicEndpoint).isEqualTo("VALID");
        ObjectNode altered = vc.deepCopy();
        ((ObjectNode) altered.get("credentialSubject")).put("level", 1);
        Answer alteredAnswer = services.post(cqPublic, "/api/v1/public/credentials/verification", altered);
        assertThat(alteredAnswer.body().path("verdict").asText()).isEqualTo("INVALID");
        assertThat(alteredAnswer.body().path("problems").get(0).path("title").asText()).isEqualTo("CRYPTOGRAPHIC_SECURITY_ERROR");
    }

    @Test
    @Order(3)
    void aBatchCertificateCarriesItsMerklePathAndTheCliExportsAndVerifiesItOffline() throws Exception {
        batchedFile = work.resolve(batched + ".json");
        Path password = work.resolve("center.pw");
        Files.writeString(password, cqCenter.password());
        CliRun export = services.cli(60, "--region", "chongqing", "--user", cqCenter.user(), "--password-file", password.toString(),
                "credential", "export", batched, "--out", batchedFile.toString());
        Files.deleteIfExists(password);
        assertThat(export.exitCode()).as("%s", export).isZero();
        JsonNode vc = Json.tree(Files.readString(batchedFile));
        assertThat(vc.path("ledgerRecord").path("batch").path("merklePath").size()).isEqualTo(2);
        record("exported credential (batch of 3), bytes pretty-printed by the CLI", String.valueOf(Files.size(batchedFile)));

        String base = cqPublic.url();
        CliRun verify = services.cli(60, "credential", "verify", batchedFile.toString(), "--controller", base + "/.well-known/did.json",
                "--status-list", base + "/api/v1/public/credentials/status/revocation",
                "--status-list", base + "/api/v1/public/credentials/status/suspension");
        assertThat(verify.exitCode()).as("%s", verify).isZero();
        JsonNode report = Json.tree(verify.out());
        assertThat(report.path("verdict").asText()).isEqualTo("VALID");
        assertThat(step(report, "MERKLE_PATH").path("result").asText()).as("%s", report).isEqualTo("PASS");
        assertThat(nodeVerify(batchedFile).path("proofValid").asBoolean()).isTrue();

        // Offline means offline: without the status lists, the check says what is missing and the verdict fails.
        CliRun noLists = services.cli(60, "credential", "verify", batchedFile.toString(), "--controller", base + "/.well-known/did.json");
        assertThat(noLists.exitCode()).as("%s", noLists).isEqualTo(3);
        assertThat(step(Json.tree(noLists.out()), "STATUS").path("reason").asText()).contains("no status list credential");
    }

    @Test
    @Order(4)
    void theHolderExportsTheirOwnCredentialAndMayHaveTheirDetailsShown() throws Exception {
        ObjectNode body = Json.mapper().createObjectNode().put("holderName", singleHolder[0]).put("holderIdNumber", singleHolder[1])
                .put("holderSalt", singleSalt).put("disclose", true);
        Answer disclosed = services.post(cqPublic, "/api/v1/public/certificates/" + single + "/credential", body);
        assertThat(disclosed.status()).as("%s", disclosed).isEqualTo(200);
        assertThat(disclosed.body().path("credentialSubject").path("residentIdNumber").asText()).isEqualTo(singleHolder[1]);
        CredentialVerification result = offlineVerifier().verify(disclosed.body().toString(), Instant.now());
        assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("VALID");
        assertThat(result.step("HOLDER").orElseThrow().result()).isEqualTo("PASS");

        Answer wrongSalt = services.post(cqPublic, "/api/v1/public/certificates/" + single + "/credential",
                body.deepCopy().put("holderSalt", "00".repeat(32)));
        assertThat(wrongSalt.status()).as("%s", wrongSalt).isEqualTo(403);
        assertThat(wrongSalt.body().path("code").asText()).isEqualTo("HOLDER_MISMATCH");
        Answer otherRegion = services.get(services.admin("chengdu"), "/api/v1/certificates/" + single + "/credential");
        assertThat(otherRegion.status()).as("%s", otherRegion).isEqualTo(409);
        assertThat(otherRegion.body().path("detail").asText()).contains("export it from that region's service");
        Answer anonymous = services.get(cqPublic, "/api/v1/certificates/" + single + "/credential");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void revokingAndSuspendingOnTheLedgerFlipsTheServedBitsWithinSeconds() throws Exception {
        int singleIndex = Integer.parseInt(Json.tree(Files.readString(singleFile)).path("credentialStatus").get(0).path("statusListIndex").asText());
        int batchedIndex = Integer.parseInt(Json.tree(Files.readString(batchedFile)).path("credentialStatus").get(1).path("statusListIndex").asText());

        long start = System.nanoTime();
        Answer revoked = services.post(cqAdmin, "/api/v1/certificates/" + single + "/revoke",
                Json.mapper().createObjectNode().put("reasonCode", "ISSUED_IN_ERROR").put("reason", "credential interop test"));
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        long committed = System.nanoTime();
        long flipped = waitForBit("revocation", singleIndex);
        record("revocation: commit to bit set in the served list (ms)", String.valueOf(TimeUnit.NANOSECONDS.toMillis(flipped - committed)));
        record("revocation: request to bit set (ms)", String.valueOf(TimeUnit.NANOSECONDS.toMillis(flipped - start)));

        Answer suspended = services.post(cqAdmin, "/api/v1/certificates/" + batched + "/suspend",
                Json.mapper().createObjectNode().put("reasonCode", "UNDER_INVESTIGATION").put("reason", "credential interop test"));
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        waitForBit("suspension", batchedIndex);

        JsonNode independent = nodeVerify(singleFile);
        assertThat(independent.path("proofValid").asBoolean()).isTrue();
        assertThat(independent.path("status").path("revocation").path("set").asBoolean()).as("%s", independent).isTrue();
        assertThat(independent.path("status").path("suspension").path("set").asBoolean()).isFalse();
        JsonNode batchIndependent = nodeVerify(batchedFile);
        assertThat(batchIndependent.path("status").path("suspension").path("set").asBoolean()).as("%s", batchIndependent).isTrue();
        assertThat(batchIndependent.path("status").path("revocation").path("set").asBoolean()).isFalse();

        CredentialVerification offline = offlineVerifier().verify(Files.readString(singleFile), Instant.now());
        assertThat(offline.verdict()).isEqualTo("INVALID");
        assertThat(offline.step("STATUS").orElseThrow().reason()).contains("REVOKED");
        Answer online = services.post(cqPublic, "/api/v1/public/credentials/verification", Json.tree(Files.readString(batchedFile)));
        assertThat(online.body().path("verdict").asText()).isEqualTo("INVALID");
        assertThat(step(online.body(), "STATUS").path("reason").asText()).contains("SUSPENDED");

        JsonNode list = services.get(cqPublic, "/api/v1/public/credentials/status/revocation").body();
        record("status list credential as served, bytes", String.valueOf(list.toString().getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    @Order(6)
    void theIndependentCanonicalizerAgreesOnNonIntegerNumbers() throws Exception {
        Path numbers = work.resolve("numbers.json");
        Files.writeString(numbers, "{\"b\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0.0,"
                + "1e21,1e-7,123456789012345680000,5e-324,1.7976931348623157e308,0.1,100,-1.5e-10],\"a\":\"\\u20ac\\u000f\"}");
        Process p = new ProcessBuilder("node", node.toString(), "canonicalize", numbers.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Jcs.canonicalString(Jcs.parse(Files.readString(numbers)))).isEqualTo(out);
    }

    // ------------------------------------------------------------------ helpers

    private long waitForBit(String purpose, int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATUS_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            JsonNode list = services.get(cqPublic, "/api/v1/public/credentials/status/" + purpose).body();
            if (BitstringStatusList.decode(list.path("credentialSubject").path("encodedList").asText()).get(index)) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + purpose + " bit " + index + " was not set in the served list within "
                + STATUS_WAIT_MILLIS + " ms of the ledger change");
    }

    private CredentialVerifier offlineVerifier() {
        return services.offlineVerifier(cqPublic);
    }

    private JsonNode nodeVerify(Path credential) throws Exception {
        Process p = new ProcessBuilder("node", node.toString(), "verify", credential.toString()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("node verify: %s %s", out, err).isZero();
        return Json.tree(out);
    }

    private static JsonNode step(JsonNode report, String check) {
        for (JsonNode s : report.path("steps")) {
            if (check.equals(s.path("check").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + check + " in " + report);
    }

    private static String didOf(Service service) {
        return "did:web:" + service.url().replaceFirst("^https?://", "").replace(":", "%3A");
    }

    private String number(int level) {
        return String.format("S000350%06d%02d%d%06d", site, today.getYear() % 100, level, ++serial);
    }

    private String[] holder(int person) {
        String first17 = "500101" + LocalDate.of(1970, 1, 1).plusDays((site + person) % 14000).toString().replace("-", "")
                + String.format("%03d", (site / 14000 + person) % 1000);
        return new String[]{"凭证工人" + person, first17 + ResidentIdNumber.checkCharacter(first17)};
    }

    private ObjectNode certificateBody(String number, int level, String[] holder) {
        return Json.mapper().createObjectNode().put("number", number).put("occupation", occupation).put("level", level)
                .put("issueDate", today.toString()).put("holderName", holder[0]).put("holderIdNumber", holder[1]);
    }

    private static void record(String what, String value) throws IOException {
        Files.writeString(FIGURES, what + ": " + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
