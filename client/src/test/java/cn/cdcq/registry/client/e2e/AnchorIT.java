package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.anchor.CheckpointTransactions;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Public anchoring on the real network and a real local EVM node (anvil, started by
 * scripts/test.sh): certificates issued, a checkpoint proposed by Chengdu and countersigned by
 * Chongqing after recomputing it from its own peer, anchored with Web3j and confirmed; the
 * certificate's inclusion proof verifies through the public endpoint and offline with the CLI,
 * and a proof with a wrong leaf or an altered root does not; a checkpoint signed by one region
 * only is never anchored and the ledger is unchanged; a transaction the node drops mid-anchoring
 * is sent again unchanged and confirmed once; a forged checkpoint is refused by the other region
 * with its reason and stays unanchored. Gas, time to confirmed and proof size go to
 * target/anchor-timings.txt (docs/anchoring.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnchorIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path TIMINGS = Path.of("target", "anchor-timings.txt");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private E2eServices services;
    private E2eNetwork net;
    private Service cdAdmin;
    private Service cqAdmin;
    private Service cqCenter;
    private String rpcUrl;
    private String contract;
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;
    private String firstNumber;

    @BeforeAll
    void accreditACenter() throws Exception {
        services = new E2eServices();
        net = new E2eNetwork();
        Properties evm = new Properties();
        try (Reader r = Files.newBufferedReader(services.servicesFile.resolveSibling("evm.properties"))) {
            evm.load(r);
        }
        rpcUrl = evm.getProperty("rpcUrl");
        contract = evm.getProperty("contractAddress");
        today = LocalDate.now(CHINA);
        cdAdmin = services.admin("chengdu");
        cqAdmin = services.admin("chongqing");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();
        String first17 = "5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000));
        String centerId = first17 + Uscc.checkCharacter(first17);
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Chongqing Anchoring Test Center " + site).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        cqCenter = services.createAccount(cqAdmin, "cq-anchor-" + site, "TRAINING_CENTER", "centerId", centerId);
        Files.deleteIfExists(TIMINGS);
        // The manual tests need no automatic checkpoint in their way (scripts/test.sh starts the services without).
        scheduleOff();
    }

    @AfterAll
    void close() throws Exception {
        try {
            if (services != null) {
                scheduleOff();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private void schedule(Service s, String json) throws Exception {
        Answer a = services.put(s, "/api/v1/checkpoints/schedule", Json.mapper().readTree(json));
        assertThat(a.status()).as("%s", a).isEqualTo(200);
    }

    private void scheduleOff() throws Exception {
        String off = "{\"intervalSeconds\":0,\"records\":0,\"countersign\":false,\"anchor\":false}";
        schedule(cdAdmin, off);
        schedule(cqAdmin, off);
    }

    /** Polls the public proof endpoint until the certificate is in an anchored checkpoint; its checkpoint then. */
    private JsonNode anchoredCheckpointOf(String number, Duration within) throws Exception {
        Instant end = Instant.now().plus(within);
        Answer proof;
        do {
            Thread.sleep(500);
            proof = services.get(cqAdmin.anonymous(), "/api/v1/public/anchor-proofs/certificates/" + number);
        } while (proof.status() != 200 && Instant.now().isBefore(end));
        assertThat(proof.status()).as("certificate %s anchored within %s: %s; CD schedule %s, CQ schedule %s", number,
                within, proof, services.get(cdAdmin, "/api/v1/checkpoints/schedule"),
                services.get(cqAdmin, "/api/v1/checkpoints/schedule")).isEqualTo(200);
        return checkpoint(cdAdmin, proof.body().path("checkpoint").path("statement").path("number").asLong());
    }

    private String issue() {
        String number = String.format("S000250%06d%02d%d%06d", site, today.getYear() % 100, 4, ++serial);
        String id17 = "500101" + LocalDate.of(1970, 1, 1).plusDays((site + serial) % 14000).toString().replace("-", "")
                + String.format("%03d", serial % 1000);
        ObjectNode body = Json.mapper().createObjectNode().put("number", number).put("occupation", occupation).put("level", 4)
                .put("issueDate", today.toString()).put("holderName", "测试工人" + serial)
                .put("holderIdNumber", id17 + ResidentIdNumber.checkCharacter(id17));
        Answer a = services.post(cqCenter, "/api/v1/certificates", body);
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        return number;
    }

    private JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rpcUrl)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.has("error")).as("%s: %s", method, body).isFalse();
        return body.path("result");
    }

    /** How many Anchored events the contract emitted for a checkpoint hash (topic 2). */
    private int anchoredEvents(String checkpointHash) throws Exception {
        return rpc("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\",\"address\":\"" + contract
                + "\",\"topics\":[null,null,\"0x" + checkpointHash + "\"]}]").size();
    }

    private long gasUsed(String txHash) throws Exception {
        return Long.decode(rpc("eth_getTransactionReceipt", "[\"" + txHash + "\"]").path("gasUsed").asText());
    }

    private static void timing(String line) throws Exception {
        Files.writeString(TIMINGS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private JsonNode checkpoint(Service s, long number) {
        Answer a = services.get(s, "/api/v1/checkpoints/" + number);
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a.body();
    }

    private long signedByBoth() {
        Answer proposed = services.post(cdAdmin, "/api/v1/checkpoints", null);
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
        long number = proposed.body().path("statement").path("number").asLong();
        Answer signed = services.post(cqAdmin, "/api/v1/checkpoints/" + number + "/countersignature", null);
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(signed.body().path("status").asText()).as("%s", signed).isEqualTo("SIGNED");
        return number;
    }

    @Test
    @Order(1)
    void aCheckpointSignedByBothRegionsIsAnchoredAndACertificatesProofVerifiesAndATamperedOneDoesNot() throws Exception {
        firstNumber = issue();
        issue();
        issue();
        Instant t0 = Instant.now();
        Answer proposed = services.post(cdAdmin, "/api/v1/checkpoints", null);
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
        assertThat(proposed.body().path("status").asText()).isEqualTo("PROPOSED");
        long number = proposed.body().path("statement").path("number").asLong();
        int leaves = proposed.body().path("statement").path("leafCount").asInt();

        // Signed by Chengdu only: never anchored, and nothing changes on the ledger.
        Answer early = services.post(cdAdmin, "/api/v1/checkpoints/" + number + "/anchor", null);
        assertThat(early.status()).as("%s", early).isEqualTo(409);
        assertThat(early.body().path("code").asText()).isEqualTo("CONFLICT");
        assertThat(early.body().path("detail").asText()).contains("signed by region CD only");
        assertThat(checkpoint(cdAdmin, number)).isEqualTo(proposed.body());
        // Nor can Chengdu countersign its own checkpoint.
        Answer own = services.post(cdAdmin, "/api/v1/checkpoints/" + number + "/countersignature", null);
        assertThat(own.status()).as("%s", own).isEqualTo(403);
        assertThat(checkpoint(cdAdmin, number)).isEqualTo(proposed.body());

        Answer signed = services.post(cqAdmin, "/api/v1/checkpoints/" + number + "/countersignature", null);
        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        assertThat(signed.body().path("status").asText()).isEqualTo("SIGNED");
        assertThat(signed.body().path("counterSignature").path("regionCode").asText()).isEqualTo("CQ");

        Answer anchored = services.post(cdAdmin, "/api/v1/checkpoints/" + number + "/anchor", null);
        Instant t1 = Instant.now();
        assertThat(anchored.status()).as("%s", anchored).isEqualTo(200);
        JsonNode anchor = anchored.body().path("anchor");
        assertThat(anchor.path("status").asText()).as("%s", anchored).isEqualTo("CONFIRMED");
        assertThat(anchor.path("confirmations").asInt()).isGreaterThanOrEqualTo(2);
        String txHash = anchor.path("txHash").asText();
        String checkpointHash = anchored.body().path("hash").asText();
        assertThat(anchoredEvents(checkpointHash)).isEqualTo(1);
        timing(String.format("checkpoint %d: %d writes, gas %d, proposed to confirmed %d ms", number, leaves,
                gasUsed(txHash), Duration.between(t0, t1).toMillis()));

        // Anchoring again changes nothing and sends nothing.
        Answer again = services.post(cdAdmin, "/api/v1/checkpoints/" + number + "/anchor", null);
        assertThat(again.body().path("anchor").path("txHash").asText()).isEqualTo(txHash);
        assertThat(anchoredEvents(checkpointHash)).isEqualTo(1);

        // Anyone: the proof from Chongqing's public endpoint, checked there and offline.
        Service anonymous = cqAdmin.anonymous();
        Answer proof = services.get(anonymous, "/api/v1/public/anchor-proofs/certificates/" + firstNumber);
        assertThat(proof.status()).as("%s", proof).isEqualTo(200);
        assertThat(proof.body().path("checkpoint").path("hash").asText()).isEqualTo(checkpointHash);
        assertThat(proof.body().path("leaf").path("key").asText()).contains(firstNumber);
        timing(String.format("inclusion proof of one certificate in checkpoint %d (%d writes): %d bytes, %d path steps",
                number, leaves, proof.body().toString().getBytes(StandardCharsets.UTF_8).length,
                proof.body().path("path").size()));
        Answer verified = services.post(anonymous, "/api/v1/public/anchor-proofs/verification", proof.body());
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        assertThat(verified.body().path("valid").asBoolean()).as("%s", verified).isTrue();
        for (JsonNode step : verified.body().path("steps")) {
            assertThat(step.path("outcome").asText()).as("%s", step).isEqualTo("PASS");
        }
        // The public verification page shows the anchor as a step of its own, checked on the chain.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(cqAdmin.url() + "/verify/" + firstNumber))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-anchor=\"ANCHORED\"", ">" + number + "</code>", txHash);
        Path file = Files.createDirectories(Path.of("target", "anchor-it")).resolve("proof.json");
        Files.writeString(file, proof.body().toString());
        CliRun offline = services.cli(60, "verify-anchor", file.toString(), "--rpc-url", rpcUrl, "--contract", contract);
        assertThat(offline.exitCode()).as("%s", offline).isZero();
        assertThat(offline.out()).contains("\"valid\" : true");

        // A wrong leaf: the path no longer leads to the root.
        ObjectNode wrongLeaf = proof.body().deepCopy();
        ((ObjectNode) wrongLeaf.path("leaf")).put("valueSha256", Hashes.sha256Hex("forged".getBytes(StandardCharsets.UTF_8)));
        JsonNode badLeaf = services.post(anonymous, "/api/v1/public/anchor-proofs/verification", wrongLeaf).body();
        assertThat(badLeaf.path("valid").asBoolean()).isFalse();
        assertThat(outcome(badLeaf, "merkle-path")).isEqualTo("FAIL");
        assertThat(outcome(badLeaf, "record-current")).isEqualTo("FAIL");
        // An altered root: the statement no longer hashes to what both signed and what the chain holds.
        ObjectNode alteredRoot = proof.body().deepCopy();
        ((ObjectNode) alteredRoot.path("checkpoint").path("statement")).put("root",
                Hashes.sha256Hex("another root".getBytes(StandardCharsets.UTF_8)));
        JsonNode badRoot = services.post(anonymous, "/api/v1/public/anchor-proofs/verification", alteredRoot).body();
        assertThat(badRoot.path("valid").asBoolean()).isFalse();
        assertThat(outcome(badRoot, "checkpoint-hash")).isEqualTo("FAIL");
        assertThat(outcome(badRoot, "signatures")).isEqualTo("FAIL");
        Files.writeString(file, alteredRoot.toString());
        CliRun offlineBad = services.cli(60, "verify-anchor", file.toString(), "--rpc-url", rpcUrl, "--contract", contract);
        assertThat(offlineBad.exitCode()).as("%s", offlineBad).isEqualTo(3);
    }

    private static String outcome(JsonNode report, String step) {
        for (JsonNode s : report.path("steps")) {
            if (s.path("name").asText().equals(step)) {
                return s.path("outcome").asText();
            }
        }
        throw new AssertionError("no step " + step + " in " + report);
    }

    @Test
    @Order(2)
    void aTransactionTheNodeDropsMidAnchoringIsSentAgainUnchangedAndConfirmedOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            issue();
        }
        long number = signedByBoth();
        int leaves = checkpoint(cdAdmin, number).path("statement").path("leafCount").asInt();
        rpc("evm_setIntervalMining", "[0]");
        CompletableFuture<HttpResponse<String>> anchoring;
        String txHash;
        try {
            Service cd = cdAdmin;
            anchoring = http.sendAsync(HttpRequest.newBuilder(URI.create(cd.url() + "/api/v1/checkpoints/" + number + "/anchor"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((cd.user() + ":" + cd.password())
                            .getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            Instant end = Instant.now().plusSeconds(60);
            JsonNode pending;
            do {
                Thread.sleep(200);
                pending = checkpoint(cdAdmin, number).path("anchor");
            } while (!pending.path("status").asText().equals("PENDING") && Instant.now().isBefore(end));
            assertThat(pending.path("status").asText()).as("%s", pending).isEqualTo("PENDING");
            txHash = pending.path("txHash").asText();
            Thread.sleep(500);
            rpc("anvil_dropAllTransactions", "[]");
            assertThat(rpc("eth_getTransactionByHash", "[\"" + txHash + "\"]").isNull()).as("dropped").isTrue();
        } finally {
            rpc("evm_setIntervalMining", "[1]");
        }
        HttpResponse<String> answer = anchoring.get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode done = Json.mapper().readTree(answer.body());
        assertThat(done.path("anchor").path("status").asText()).as("%s", done).isEqualTo("CONFIRMED");
        assertThat(done.path("anchor").path("txHash").asText()).as("the same transaction, sent again").isEqualTo(txHash);
        assertThat(anchoredEvents(done.path("hash").asText())).isEqualTo(1);
        timing(String.format("checkpoint %d: %d writes, gas %d (its transaction dropped once and sent again)", number,
                leaves, gasUsed(txHash)));
    }

    @Test
    @Order(3)
    void aForgedCheckpointIsRefusedByTheOtherRegionWithItsReasonAndStaysUnanchored() throws Exception {
        issue();
        JsonNode latest = checkpoint(cdAdmin, signedByBoth());
        // Chengdu's bureau, through its own gateway and attestation key, proposes a root its ledger does not give.
        RegistryGateway cd = net.gateway("chengdu", "bureau", "chengdu");
        MspIdentity cdAttestation = net.identity("chengdu", "attestation");
        JsonNode ls = latest.path("statement");
        long number = ls.path("number").asLong() + 1;
        long from = ls.path("toBlock").asLong() + 1;
        Thread.sleep(2500); // a block or two after the last checkpoint
        CheckpointStatement forged = new CheckpointStatement(number, from, from, 1,
                Hashes.sha256Hex("a rewritten history".getBytes(StandardCharsets.UTF_8)), latest.path("hash").asText(), "CD");
        cd.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.PROPOSE_CHECKPOINT, Json.write(forged),
                Hashes.hex(forged.sign(cdAttestation.privateKey())));

        Answer refused = services.post(cqAdmin, "/api/v1/checkpoints/" + number + "/countersignature", null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(200);
        assertThat(refused.body().path("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.body().path("refusal").path("reasonCode").asText()).isEqualTo("ROOT_MISMATCH");
        assertThat(refused.body().path("refusal").path("detail").asText()).contains(forged.root());
        Answer notAnchored = services.post(cdAdmin, "/api/v1/checkpoints/" + number + "/anchor", null);
        assertThat(notAnchored.status()).as("%s", notAnchored).isEqualTo(409);
        JsonNode unanchored = checkpoint(cqAdmin, number).path("anchor");
        assertThat(unanchored.isNull() || unanchored.isMissingNode()).as("%s", unanchored).isTrue();
        assertThat(anchoredEvents(forged.hash())).isZero();
        assertThatThrownBy(() -> cd.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.RECORD_ANCHOR,
                Long.toString(number), "{}")).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo("CONFLICT"));

        // The honest proposal for the same number is then countersigned.
        long next = signedByBoth();
        assertThat(next).isEqualTo(number);
    }

    @Test
    @Order(4)
    void onARecordCountChengduProposesChongqingCountersignsAsTheProposalArrivesAndChengduAnchorsItUnasked()
            throws Exception {
        Answer bad = services.put(cdAdmin, "/api/v1/checkpoints/schedule", Json.mapper().readTree("{\"records\":-1}"));
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        assertThat(bad.body().path("field").asText()).isEqualTo("records");
        Answer tooOften = services.put(cdAdmin, "/api/v1/checkpoints/schedule", Json.mapper().readTree("{\"intervalSeconds\":1}"));
        assertThat(tooOften.status()).as("%s", tooOften).isEqualTo(400);
        assertThat(tooOften.body().path("field").asText()).isEqualTo("intervalSeconds");
        try {
            schedule(cqAdmin, "{\"countersign\":true}");
            schedule(cdAdmin, "{\"records\":5,\"countersign\":true,\"anchor\":true}");
            String last = null;
            for (int i = 0; i < 5; i++) {
                last = issue();
            }
            Instant issued = Instant.now();
            JsonNode c = anchoredCheckpointOf(last, Duration.ofSeconds(150));
            timing(String.format("automatic checkpoint %d (record count 5): %d writes, last record to confirmed %d ms",
                    c.path("statement").path("number").asLong(), c.path("statement").path("leafCount").asInt(),
                    Duration.between(issued, Instant.now()).toMillis()));
            assertThat(c.path("statement").path("proposedByRegion").asText()).isEqualTo("CD");
            assertThat(c.path("status").asText()).isEqualTo("SIGNED");
            assertThat(c.path("counterSignature").path("regionCode").asText()).isEqualTo("CQ");
            assertThat(c.path("anchor").path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(anchoredEvents(c.path("hash").asText())).isEqualTo(1);
            assertThat(services.get(cdAdmin, "/api/v1/checkpoints/schedule").body().path("setBy").asText())
                    .startsWith(cdAdmin.user());
        } finally {
            scheduleOff();
        }
    }

    @Test
    @Order(5)
    void onAnIntervalChongqingProposesAndChengduCountersignsUnasked() throws Exception {
        try {
            schedule(cdAdmin, "{\"countersign\":true}");
            schedule(cqAdmin, "{\"intervalSeconds\":5,\"countersign\":true,\"anchor\":true}");
            String number = issue();
            JsonNode c = anchoredCheckpointOf(number, Duration.ofSeconds(150));
            assertThat(c.path("statement").path("proposedByRegion").asText()).isEqualTo("CQ");
            assertThat(c.path("counterSignature").path("regionCode").asText()).isEqualTo("CD");
            assertThat(c.path("anchor").path("status").asText()).isEqualTo("CONFIRMED");
        } finally {
            scheduleOff();
        }
        // Paused: a record written now is in no new checkpoint.
        JsonNode before = services.get(cdAdmin, "/api/v1/checkpoints").body();
        String after = issue();
        Thread.sleep(8_000);
        assertThat(services.get(cdAdmin, "/api/v1/checkpoints").body().size()).isEqualTo(before.size());
        assertThat(services.get(cqAdmin.anonymous(), "/api/v1/public/anchor-proofs/certificates/" + after).status())
                .isEqualTo(404);
    }
}
