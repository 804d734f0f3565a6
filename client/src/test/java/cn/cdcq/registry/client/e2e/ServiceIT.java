package cn.cdcq.registry.client.e2e;

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
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
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
    private Properties services;
    private Path servicesFile;
    private Path root;
    private Service chengdu;
    private Service chongqing;

    /** One service as one account. */
    record Service(String url, String user, String password) {
        Service as(String otherUser, String otherPassword) {
            return new Service(url, otherUser, otherPassword);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    @BeforeAll
    void servicesAndRegistry() throws Exception {
        String file = System.getProperty("e2e.services", "");
        if (file.isBlank() || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("end-to-end tests of the services need them running: set -De2e.services to "
                    + "their services.properties (scripts/test.sh does); got '" + file + "'");
        }
        servicesFile = Path.of(file);
        root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        services = new Properties();
        try (Reader r = Files.newBufferedReader(servicesFile, StandardCharsets.UTF_8)) {
            services.load(r);
        }
        chengdu = admin("chengdu");
        chongqing = admin("chongqing");
        // What start.sh does: register both regions unless they are (an earlier test may have).
        CliRun bootstrap = cli("bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.output()).isZero();
        assertThat(codes(get(chongqing, "/api/v1/regions").body())).contains("CD", "CQ");
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
        Answer created = post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
                .put("name", name).put("role", "INSPECTOR").put("inspectorId", inspectorId).put("password", password));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("mspId").asText()).isEqualTo("ChengduMSP");
        assertThat(created.body().has("initialPassword")).isFalse();

        Service inspector = chengdu.as(name, password);
        Answer me = get(inspector, "/api/v1/whoami");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("account").asText()).isEqualTo(name);
        JsonNode ledger = me.body().path("ledger");
        assertThat(ledger.path("mspId").asText()).isEqualTo("ChengduMSP");
        assertThat(ledger.path("region").asText()).isEqualTo("CD");
        assertThat(ledger.path("role").asText()).isEqualTo("inspector");
        assertThat(ledger.path("inspectorId").asText()).isEqualTo(inspectorId);

        assertThat(codes(get(inspector, "/api/v1/regions").body())).contains("CD", "CQ");

        Path passwordFile = Files.createTempFile("inspector", ".pw");
        Files.writeString(passwordFile, password);
        CliRun whoami = cli("--url", chengdu.url(), "--user", name, "--password-file", passwordFile.toString(), "whoami");
        Files.delete(passwordFile);
        assertThat(whoami.exitCode()).as(whoami.output()).isZero();
        assertThat(Json.tree(whoami.output()).path("ledger").path("inspectorId").asText()).isEqualTo(inspectorId);
        CliRun refused = cli("--url", chengdu.url(), "--user", name, "--password-file", "/nonexistent", "whoami");
        assertThat(refused.exitCode()).isEqualTo(2);

        Answer forbidden = post(inspector, "/api/v1/accounts", Json.mapper().createObjectNode()
                .put("name", name + "-x").put("role", "BUREAU"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().path("code").asText()).isEqualTo("FORBIDDEN");
        Answer noRotation = post(inspector, "/api/v1/region-proposals/rotation",
                Json.mapper().createObjectNode().put("certificatePem", "irrelevant"));
        assertThat(noRotation.status()).isEqualTo(403);

        Answer twice = post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
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
            CliRun created = cli("--region", "chongqing", "accounts", "create", "--name", name, "--role", "TRAINING_CENTER",
                    "--center-id", uscc, "--password-file", passwordFile.toString());
            assertThat(created.exitCode()).as(created.output()).isZero();
            assertThat(Json.tree(created.output()).path("centerId").asText()).isEqualTo(uscc);

            CliRun whoami = cli("--region", "chongqing", "--user", name, "--password-file", passwordFile.toString(), "whoami");
            assertThat(whoami.exitCode()).as(whoami.output()).isZero();
            JsonNode ledger = Json.tree(whoami.output()).path("ledger");
            assertThat(ledger.path("mspId").asText()).isEqualTo("ChongqingMSP");
            assertThat(ledger.path("role").asText()).isEqualTo("training_center");
            assertThat(ledger.path("centerId").asText()).isEqualTo(uscc);

            CliRun notAnAdmin = cli("--region", "chongqing", "--user", name, "--password-file", passwordFile.toString(), "accounts");
            assertThat(notAnAdmin.exitCode()).isEqualTo(1);
        } finally {
            Files.delete(passwordFile);
        }
    }

    @Nested
    class Refusals {

        @Test
        void withoutCredentialsOrWithAWrongPasswordItIs401AsAProblemDetail() {
            Answer anonymous = get(new Service(chengdu.url(), null, null), "/api/v1/regions");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(get(chengdu.as(chengdu.user(), "wrong-password-1"), "/api/v1/regions").status()).isEqualTo(401);
        }

        @Test
        void anAccountOfOneRegionIsUnknownToTheOtherRegionsService() {
            Service chengduAdminAtChongqing = new Service(chongqing.url(), chengdu.user(), chengdu.password());
            assertThat(get(chengduAdminAtChongqing, "/api/v1/whoami").status()).isEqualTo(401);
        }

        @Test
        void theChaincodesRefusalsKeepTheirCode() {
            Answer missing = get(chengdu, "/api/v1/region-proposals/no-such-proposal");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body().path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(missing.body().path("detail").asText()).contains("no-such-proposal");

            Answer badCertificate = post(chengdu, "/api/v1/region-proposals/rotation", Json.mapper().createObjectNode()
                    .put("certificatePem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"));
            assertThat(badCertificate.status()).isEqualTo(400);
            assertThat(badCertificate.body().path("code").asText()).isEqualTo("INVALID_INPUT");
        }

        @Test
        void invalidInputIsRefusedBeforeTheLedgerWithTheFieldNamed() {
            Answer invalid = post(chengdu, "/api/v1/accounts", Json.mapper().createObjectNode()
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
            Answer proposed = post(chengdu, "/api/v1/region-proposals/rotation",
                    Json.mapper().createObjectNode().put("certificatePem", pem));
            assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(200);
            proposalId = proposed.body().path("id").asText();
            Answer withdrawn = post(chengdu, "/api/v1/region-proposals/" + proposalId + "/withdraw", null);
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

    private Service admin(String region) throws IOException {
        return new Service(services.getProperty(region + ".url"), services.getProperty(region + ".adminAccount"),
                Files.readString(Path.of(services.getProperty(region + ".adminPasswordFile"))).strip());
    }

    private List<JsonNode> items(Service service) {
        Answer inbox = get(service, "/api/v1/inbox");
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

    record CliRun(int exitCode, String output) {
    }

    /** scripts/registry-cli.sh with the services file of this network; stdout and stderr kept apart. */
    private CliRun cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/registry-cli.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CDCQ_SERVICES", servicesFile.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("registry-cli %s finished", List.of(args)).isTrue();
        return new CliRun(p.exitValue(), out);
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
        ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/service.sh").toString(), action, region)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CDCQ_DATA", servicesFile.getParent().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("scripts/service.sh %s %s finished", action, region).isTrue();
        assertThat(p.exitValue()).as("scripts/service.sh %s %s exit code", action, region).isZero();
    }

    private Answer get(Service service, String path) {
        return send(service, request(service, path).GET());
    }

    private Answer post(Service service, String path, JsonNode body) {
        return send(service, request(service, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    private static HttpRequest.Builder request(Service service, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofSeconds(60));
        if (service.user() != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (service.user() + ":" + service.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private Answer send(Service service, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body());
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new AssertionError("the service at " + service.url() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Set<String> codes(JsonNode regions) {
        Set<String> codes = new HashSet<>();
        regions.forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }
}
