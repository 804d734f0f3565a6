package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two regional services as scripts/test.sh started them (real processes, {@code java -jar}),
 * on the real network, through HTTP only: accounts, identities, roles, the region registry,
 * refusals as problem details, and the inbox across a restart of the Chongqing service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private E2eServices services;
    private Service chengdu;
    private Service chongqing;

    @BeforeAll
    void servicesAndRegistry() throws Exception {
        services = new E2eServices();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        // What start.sh does: register both regions unless they are (an earlier test may have).
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.out()).isZero();
        assertThat(codes(services.get(chongqing, "/api/v1/regions").body())).contains("CD", "CQ");
    }

    @AfterAll
    void ensureChongqingRuns() throws Exception {
        // A failed restart test must not leave the service down for the tests after it.
        if (services != null && !ready(chongqing)) {
            script("start", "chongqing");
        }
    }

    @Test
    void anAdministratorCreatesAnInspectorWhoActsWithTheirOwnFabricIdentity() throws Exception {
        String name = "cd-ins-" + (100000 + RANDOM.nextInt(900000));
        String inspectorId = "CD-INS-" + name.substring(7);
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        String password = "pw-" + Base64.getUrlEncoder().encodeToString(secret);
        Answer created = services.post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
                .put("name", name).put("role", "INSPECTOR").put("inspectorId", inspectorId).put("password", password));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("mspId").asText()).isEqualTo("ChengduMSP");
        assertThat(created.body().has("initialPassword")).isFalse();

        Service inspector = chengdu.as(name, password);
        Answer me = services.get(inspector, "/api/v1/whoami");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("account").asText()).isEqualTo(name);
        JsonNode ledger = me.body().path("ledger");
        assertThat(ledger.path("mspId").asText()).isEqualTo("ChengduMSP");
        assertThat(ledger.path("region").asText()).isEqualTo("CD");
        assertThat(ledger.path("role").asText()).isEqualTo("inspector");
        assertThat(ledger.path("inspectorId").asText()).isEqualTo(inspectorId);

        assertThat(codes(services.get(inspector, "/api/v1/regions").body())).contains("CD", "CQ");

        Path passwordFile = Files.createTempFile("inspector", ".pw");
        Files.writeString(passwordFile, password);
        CliRun whoami = services.cli(120, "--url", chengdu.url(), "--user", name, "--password-file", passwordFile.toString(), "whoami");
        Files.delete(passwordFile);
        assertThat(whoami.exitCode()).as(whoami.out()).isZero();
        assertThat(Json.tree(whoami.out()).path("ledger").path("inspectorId").asText()).isEqualTo(inspectorId);
        CliRun refused = services.cli(120, "--url", chengdu.url(), "--user", name, "--password-file", "/nonexistent", "whoami");
        assertThat(refused.exitCode()).isEqualTo(2);

        Answer forbidden = services.post(inspector, "/api/v1/accounts", Json.mapper().createObjectNode()
                .put("name", name + "-x").put("role", "BUREAU"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().path("code").asText()).isEqualTo("FORBIDDEN");
        Answer noRotation = services.post(inspector, "/api/v1/region-proposals/rotation",
                Json.mapper().createObjectNode().put("certificatePem", "irrelevant"));
        assertThat(noRotation.status()).isEqualTo(403);

        Answer twice = services.post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
                .put("name", name).put("role", "INSPECTOR").put("inspectorId", inspectorId));
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void theCliCreatesATrainingCenterWhoseCenterIdReachesTheLedgerThroughItsCertificate() throws Exception {
        String serial = String.format("%07d", RANDOM.nextInt(10_000_000));
        String first17 = "5250000MJ" + serial + "0";
        first17 = first17.substring(0, 17);
        String uscc = first17 + Uscc.checkCharacter(first17);
        String name = "cq-center-" + serial;
        Path passwordFile = Files.createTempFile("center", ".pw");
        Files.writeString(passwordFile, "center-password-" + serial);
        try {
            CliRun created = services.cli(120, "--region", "chongqing", "accounts", "create", "--name", name, "--role", "TRAINING_CENTER",
                    "--center-id", uscc, "--password-file", passwordFile.toString());
            assertThat(created.exitCode()).as(created.out()).isZero();
            assertThat(Json.tree(created.out()).path("centerId").asText()).isEqualTo(uscc);

            CliRun whoami = services.cli(120, "--region", "chongqing", "--user", name, "--password-file", passwordFile.toString(), "whoami");
            assertThat(whoami.exitCode()).as(whoami.out()).isZero();
            JsonNode ledger = Json.tree(whoami.out()).path("ledger");
            assertThat(ledger.path("mspId").asText()).isEqualTo("ChongqingMSP");
            assertThat(ledger.path("role").asText()).isEqualTo("training_center");
            assertThat(ledger.path("centerId").asText()).isEqualTo(uscc);

            CliRun notAnAdmin = services.cli(120, "--region", "chongqing", "--user", name, "--password-file", passwordFile.toString(), "accounts");
            assertThat(notAnAdmin.exitCode()).isEqualTo(1);
        } finally {
            Files.delete(passwordFile);
        }
    }

    @Nested
    class Refusals {

        @Test
        void withoutCredentialsOrWithAWrongPasswordItIs401AsAProblemDetail() {
            Answer anonymous = services.get(new Service(chengdu.url(), null, null), "/api/v1/regions");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(services.get(chengdu.as(chengdu.user(), "wrong-password-1"), "/api/v1/regions").status()).isEqualTo(401);
        }

        @Test
        void anAccountOfOneRegionIsUnknownToTheOtherRegionsService() {
            Service chengduAdminAtChongqing = new Service(chongqing.url(), chengdu.user(), chengdu.password());
            assertThat(services.get(chengduAdminAtChongqing, "/api/v1/whoami").status()).isEqualTo(401);
        }

        @Test
        void theChaincodesRefusalsKeepTheirCode() {
            Answer missing = services.get(chengdu, "/api/v1/region-proposals/no-such-proposal");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body().path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(missing.body().path("detail").asText()).contains("no-such-proposal");

            Answer badCertificate = services.post(chengdu, "/api/v1/region-proposals/rotation", Json.mapper().createObjectNode()
                    .put("certificatePem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"));
            assertThat(badCertificate.status()).isEqualTo(400);
            assertThat(badCertificate.body().path("code").asText()).isEqualTo("INVALID_INPUT");
        }

        @Test
        void invalidInputIsRefusedBeforeTheLedgerWithTheFieldNamed() {
            Answer invalid = services.post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
                    .put("name", "Zhang San").put("role", "INSPECTOR").put("inspectorId", "CD-INS-0009"));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body().path("detail").asText()).startsWith("name:");
        }
    }

    @Test
    void afterARestartTheChongqingInboxHasEveryEventExactlyOnce() throws Exception {
        List<JsonNode> before = items(chongqing);
        script("stop", "chongqing");
        String proposalId;
        try {
            assertThat(ready(chongqing)).isFalse();

            // While Chongqing's service is down, Chengdu proposes a rotation and withdraws it.
            String pem = Signatures.toPem(E2eNetwork.selfSignedCertificate(E2eNetwork.newP256KeyPair(), "CN=attestation-service-test,O=ChengduMSP"));
            Answer proposed = services.post(chengdu, "/api/v1/region-proposals/rotation",
                    Json.mapper().createObjectNode().put("certificatePem", pem));
            assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(200);
            proposalId = proposed.body().path("id").asText();
            Answer withdrawn = services.post(chengdu, "/api/v1/region-proposals/" + proposalId + "/withdraw", null);
            assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
        } finally {
            script("start", "chongqing");
        }
        List<JsonNode> after = waitForEvent(chongqing, "RegionChangeWithdrawn", proposalId, Duration.ofSeconds(60));

        assertThat(after.stream().filter(i -> i.path("txId").asText().equals(proposalId))
                .map(i -> i.path("eventName").asText())).containsExactly("RegionChangeProposed");
        JsonNode proposal = after.stream().filter(i -> i.path("txId").asText().equals(proposalId)).findFirst().orElseThrow();
        assertThat(proposal.path("needsAction").asBoolean()).as("Chengdu's proposal awaits Chongqing").isTrue();
        assertThat(proposal.path("payload").path("proposalId").asText()).isEqualTo(proposalId);
        assertThat(after.stream().filter(i -> i.path("eventName").asText().equals("RegionChangeWithdrawn")
                && i.path("payload").path("proposalId").asText().equals(proposalId))).hasSize(1);

        // Nothing from before the restart is lost or repeated, and the order is kept.
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < after.size(); i++) {
            JsonNode item = after.get(i);
            assertThat(item.path("sequence").asLong()).isEqualTo(i + 1L);
            assertThat(keys.add(item.path("txId").asText() + "/" + item.path("eventName").asText()))
                    .as("event %s appears once", item).isTrue();
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<JsonNode> items(Service service) {
        Answer inbox = services.get(service, "/api/v1/inbox");
        assertThat(inbox.status()).as(inbox.body().toString()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        inbox.body().forEach(list::add);
        return list;
    }

    private List<JsonNode> waitForEvent(Service service, String eventName, String proposalId, Duration timeout)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> list = items(service);
            if (list.stream().anyMatch(i -> i.path("eventName").asText().equals(eventName)
                    && i.path("payload").path("proposalId").asText().equals(proposalId))) {
                return list;
            }
            assertThat(Instant.now()).as("%s of %s in the inbox within %s", eventName, proposalId, timeout).isBefore(end);
            Thread.sleep(250);
        }
    }

    private boolean ready(Service service) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void script(String action, String region) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(services.root.resolve("scripts/service.sh").toString(), action, region)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CDCQ_DATA", services.servicesFile.getParent().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("scripts/service.sh %s %s finished", action, region).isTrue();
        assertThat(p.exitValue()).as("scripts/service.sh %s %s exit code", action, region).isZero();
    }

    private static Set<String> codes(JsonNode regions) {
        Set<String> codes = new HashSet<>();
        regions.forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }
}
