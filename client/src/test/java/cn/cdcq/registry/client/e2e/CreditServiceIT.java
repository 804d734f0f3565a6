package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enterprise credit through the two regional services as scripts/test.sh started them, over HTTP
 * and the CLI only: Chongqing registers an enterprise, a Chengdu inspector (an account made by
 * Chengdu's administrator, registered in Chengdu's inspector register, all through the API)
 * records a violation against it, the notice reaches Chongqing's inbox as needing action and is
 * acknowledged there; both bureaus rate (signed inside each service), and the public profile
 * shows the effective level from either service and through the CLI. Security: 401 without
 * credentials, 403 for a training center and for the other region's inspector. The request
 * latency of the public profile and of recording a violation is measured and written to
 * {@code client/target/credit-service-timings.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CreditServiceIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private E2eServices services;
    private Service chengdu;
    private Service chongqing;
    private Service cdInspector;
    private String enterprise;
    private String violationId;
    private final String year = Integer.toString(LocalDate.now(CHINA).getYear());

    @BeforeAll
    void services() throws Exception {
        services = new E2eServices();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.out()).isZero();
        enterprise = TestValues.newUscc("915000");
    }

    @Test
    @Order(1)
    void chongqingRegistersAnEnterpriseAndChengduRegistersAnInspectorThroughTheApi() {
        Answer registered = services.post(chongqing, "/api/v1/enterprises", obj().put("uscc", enterprise)
                .put("name", "Chongqing Credit Test Works " + enterprise.substring(10)).put("platform", false));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(registered.body().path("regionCode").asText()).isEqualTo("CQ");
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + enterprise).body().path("regionCode").asText()).isEqualTo("CQ");

        cdInspector = inspector(chengdu, "cd", "CD");
        Answer me = services.get(cdInspector, "/api/v1/whoami");
        assertThat(me.body().path("ledger").path("role").asText()).isEqualTo("inspector");
        Answer register = services.get(chengdu, "/api/v1/spot-checks/inspectors?region=CD");
        assertThat(register.body().findValuesAsText("inspectorId"))
                .contains(me.body().path("ledger").path("inspectorId").asText());
    }

    @Test
    @Order(2)
    void aChengduViolationReachesChongqingsInboxAsNeedingActionAndChongqingAcknowledgesIt() throws Exception {
        String today = LocalDate.now(CHINA).toString();
        Answer recorded = services.post(cdInspector, "/api/v1/violations", violation(enterprise, today));
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(200);
        violationId = recorded.body().path("id").asText();
        assertThat(recorded.body().path("recordingRegion").asText()).isEqualTo("CD");
        assertThat(recorded.body().path("enterpriseRegion").asText()).isEqualTo("CQ");

        JsonNode item = waitForInboxItem(chongqing, "CrossRegionNoticeRaised", violationId, Duration.ofSeconds(60));
        assertThat(item.path("needsAction").asBoolean()).isTrue();
        assertThat(item.path("dueDate").asText()).isEqualTo(item.path("payload").path("dueOn").asText()).isEqualTo(today);
        // Due today (a major case): it is among what is due by today, and in Chengdu's inbox it needs no action.
        assertThat(services.get(chongqing, "/api/v1/inbox?needsAction=true&dueBy=" + today).body().findValuesAsText("txId"))
                .contains(violationId);
        assertThat(services.get(chongqing, "/api/v1/inbox?dueBy=" + LocalDate.parse(today).minusDays(1)).body().findValuesAsText("txId"))
                .doesNotContain(violationId);
        JsonNode inChengdu = waitForInboxItem(chengdu, "CrossRegionNoticeRaised", violationId, Duration.ofSeconds(60));
        assertThat(inChengdu.path("needsAction").asBoolean()).isFalse();

        Answer pending = services.get(chongqing, "/api/v1/notices?toRegion=CQ&pendingOnly=true");
        assertThat(pending.body().findValuesAsText("violationId")).contains(violationId);
        Answer notChengdus = services.post(chengdu, "/api/v1/notices/" + violationId + "/acknowledge", null);
        assertThat(notChengdus.status()).as(notChengdus.body().toString()).isEqualTo(403);
        assertThat(notChengdus.body().path("detail").asText()).contains("addressed to region CQ");
        Answer ack = services.post(chongqing, "/api/v1/notices/" + violationId + "/acknowledge", null);
        assertThat(ack.status()).as(ack.body().toString()).isEqualTo(200);
        assertThat(ack.body().path("acknowledgedBy").asText()).isEqualTo("ChongqingMSP/cq-admin");
        assertThat(services.get(chongqing, "/api/v1/notices?toRegion=CQ&pendingOnly=true").body().findValuesAsText("violationId"))
                .doesNotContain(violationId);
        Answer twice = services.post(chongqing, "/api/v1/notices/" + violationId + "/acknowledge", null);
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    @Order(3)
    void theCliExportsChongqingsNoticesAsCsvAndJson() throws Exception {
        Path csv = Files.createTempFile("notices", ".csv");
        Path json = Files.createTempFile("notices", ".json");
        try {
            CliRun exported = services.cli(120, "--region", "chongqing", "notices", "export", "--region", "CQ", "--format", "csv",
                    "--out", csv.toString());
            assertThat(exported.exitCode()).as(exported.out()).isZero();
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).startsWith("violationId,uscc,fromRegion,toRegion");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(violationId + "," + enterprise + ",CD,CQ,true,")
                    .endsWith(",ChongqingMSP/cq-admin,"));
            CliRun asJson = services.cli(120, "--region", "chongqing", "notices", "export", "--format", "json", "--out", json.toString());
            assertThat(asJson.exitCode()).as(asJson.out()).isZero();
            assertThat(Json.tree(Files.readString(json)).findValuesAsText("violationId")).contains(violationId)
                    .hasSize(lines.size() - 1);
            CliRun bad = services.cli(120, "--region", "chongqing", "notices", "export", "--format", "xml");
            assertThat(bad.exitCode()).isEqualTo(2);
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(json);
        }
    }

    @Test
    @Order(4)
    void bothServicesSignTheirRatingsAndThePublicProfileShowsTheWorseFromEitherServiceAndTheCli() throws Exception {
        JsonNode cd = rate(chengdu, "B");
        JsonNode cq = rate(chongqing, "A");
        assertThat(cd.path("statement").path("countedViolationIds").get(0).asText()).isEqualTo(violationId);
        assertThat(cq.path("statement").path("countedViolationIds").size()).isZero();

        Answer fromChengdu = services.get(chengdu.anonymous(), "/api/v1/public/enterprises/" + enterprise + "/credit-profile");
        Answer fromChongqing = services.get(chongqing.anonymous(), "/api/v1/public/enterprises/" + enterprise + "/credit-profile");
        assertThat(fromChengdu.status()).as(fromChengdu.body().toString()).isEqualTo(200);
        assertThat(fromChongqing.body()).isEqualTo(fromChengdu.body());
        JsonNode profile = fromChengdu.body();
        assertThat(profile.path("effectiveLevel").asText()).isEqualTo("B");
        assertThat(profile.path("latestLevels").path("CD").asText()).isEqualTo("B");
        assertThat(profile.path("latestLevels").path("CQ").asText()).isEqualTo("A");
        assertThat(profile.path("violations").path("total").asInt()).isEqualTo(1);
        assertThat(profile.path("violations").path("byType").path("WAGE_ARREARS").asInt()).isEqualTo(1);
        assertThat(profile.path("blacklist").path("listed").asBoolean()).isFalse();
        String text = profile.toString();
        assertThat(text).doesNotContain("INS-", "cd-admin", "cq-admin", violationId);

        CliRun viaCli = services.cli(120, "--url", chongqing.url(), "profile", enterprise.toLowerCase());
        assertThat(viaCli.exitCode()).as(viaCli.out()).isZero();
        assertThat(Json.tree(viaCli.out()).path("effectiveLevel").asText()).isEqualTo("B");
        CliRun badUscc = services.cli(120, "--url", chongqing.url(), "profile", enterprise.substring(0, 17) + (enterprise.endsWith("0") ? "1" : "0"));
        assertThat(badUscc.exitCode()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void noCredentialsATrainingCenterAndTheOtherRegionsInspectorAreRefused() throws Exception {
        Answer anonymous = services.post(chengdu.anonymous(), "/api/v1/violations", violation(enterprise, LocalDate.now(CHINA).toString()));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");

        String serial = TestValues.digits(6);
        String centerName = "cd-center-" + serial;
        String centerPassword = "pw-" + TestValues.digits(12);
        Answer center = services.post(chengdu, "/api/v1/accounts", obj().put("name", centerName).put("role", "TRAINING_CENTER")
                .put("centerId", TestValues.newUscc("915101")).put("password", centerPassword));
        assertThat(center.status()).as(center.body().toString()).isEqualTo(201);
        Answer byCenter = services.post(chengdu.as(centerName, centerPassword), "/api/v1/violations",
                violation(enterprise, LocalDate.now(CHINA).toString()));
        assertThat(byCenter.status()).isEqualTo(403);
        assertThat(byCenter.body().path("code").asText()).isEqualTo("FORBIDDEN");

        Service cqInspector = inspector(chongqing, "cq", "CQ");
        Answer change = services.post(cqInspector, "/api/v1/violations/" + violationId + "/status", obj().put("status", "CLOSED"));
        assertThat(change.status()).as(change.body().toString()).isEqualTo(403);
        assertThat(change.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(change.body().path("detail").asText()).contains("recorded by region CD");
        assertThat(services.get(chengdu, "/api/v1/violations/" + violationId).body().path("status").asText()).isEqualTo("PENALIZED");
        // The Chongqing inspector is not an account of the Chengdu service at all.
        assertThat(services.get(chengdu.as(cqInspector.user(), cqInspector.password()), "/api/v1/violations/" + violationId).status())
                .isEqualTo(401);
        Answer inspectorRates = services.post(cdInspector, "/api/v1/enterprises/" + enterprise + "/ratings", obj().put("year", Integer.parseInt(year)));
        assertThat(inspectorRates.status()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void latencyOfThePublicProfileAndOfRecordingAViolationThroughTheApi() throws Exception {
        String local = TestValues.newUscc("915101");
        assertThat(services.post(chengdu, "/api/v1/enterprises", obj().put("uscc", local).put("name", "Chengdu Latency Works " + local.substring(10))
                .put("platform", false)).status()).isEqualTo(200);
        String today = LocalDate.now(CHINA).toString();
        List<Long> profile = new ArrayList<>();
        List<Long> record = new ArrayList<>();
        services.get(chengdu.anonymous(), "/api/v1/public/enterprises/" + local + "/credit-profile");
        for (int i = 0; i < 30; i++) {
            long t = System.nanoTime();
            Answer a = services.get(chengdu.anonymous(), "/api/v1/public/enterprises/" + local + "/credit-profile");
            profile.add(System.nanoTime() - t);
            assertThat(a.status()).isEqualTo(200);
        }
        for (int i = 0; i < 15; i++) {
            ObjectNode v = violation(local, today);
            v.put("major", false).put("status", "OPEN").put("decisionDocumentHash", Hashes.sha256Hex(("latency " + i + local)
                    .getBytes(StandardCharsets.UTF_8)));
            long t = System.nanoTime();
            Answer a = services.post(cdInspector, "/api/v1/violations", v);
            record.add(System.nanoTime() - t);
            assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        }
        String report = "public credit profile (GET, no account, evaluate): " + summary(profile) + "\n"
                + "record a violation (POST as an inspector, submit, both regions endorse): " + summary(record) + "\n";
        Path out = services.root.resolve("client/target/credit-service-timings.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
        assertThat(services.get(chengdu.anonymous(), "/api/v1/public/enterprises/" + local + "/credit-profile").body()
                .path("violations").path("total").asInt()).isEqualTo(15);
    }

    @Test
    @Order(7)
    void aSpotCheckIsDrawnFromBothServicesSignaturesAndItsResultIsPublic() throws Exception {
        inspector(chengdu, "cd", "CD");
        assertThat(services.put(chengdu, "/api/v1/spot-checks/weights", obj().put("a", 1).put("b", 2).put("c", 4).put("unrated", 2))
                .status()).isEqualTo(200);
        assertThat(services.put(chengdu, "/api/v1/spot-checks/draw-key", obj()).status()).isEqualTo(200);
        assertThat(services.put(chongqing, "/api/v1/spot-checks/draw-key", obj()).status()).isEqualTo(200);
        Answer opened = services.post(chengdu, "/api/v1/spot-checks/draws", obj().put("registerRegion", "CD")
                .put("enterpriseCount", 1).put("inspectorsPerEnterprise", 2).put("period", E2eNetwork.unusedPeriod()));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
        String drawId = opened.body().path("id").asText();
        assertThat(waitForInboxItem(chongqing, "SpotCheckOpened", drawId, Duration.ofSeconds(60)).path("needsAction").asBoolean())
                .isTrue();
        JsonNode half = services.post(chengdu, "/api/v1/spot-checks/draws/" + drawId + "/reveal", null).body();
        assertThat(half.path("status").asText()).as(half.toString()).isEqualTo("REVEALING");
        JsonNode drawn = services.post(chongqing, "/api/v1/spot-checks/draws/" + drawId + "/reveal", null).body();
        assertThat(drawn.path("status").asText()).as(drawn.toString()).isEqualTo("DRAWN");
        JsonNode assignment = drawn.path("assignments").get(0);
        assertThat(assignment.path("inspectorIds").size()).isEqualTo(2);
        String uscc = assignment.path("uscc").asText();

        Answer published = services.post(chengdu, "/api/v1/spot-checks/draws/" + drawId + "/results", obj().put("uscc", uscc)
                .put("outcome", "NO_ISSUES").put("findingsDocumentHash", Hashes.sha256Hex(drawId.getBytes(StandardCharsets.UTF_8))));
        assertThat(published.status()).as(published.body().toString()).isEqualTo(200);
        JsonNode profile = services.get(chongqing.anonymous(), "/api/v1/public/enterprises/" + uscc + "/credit-profile").body();
        assertThat(profile.path("spotChecks")).anySatisfy(c -> {
            assertThat(c.path("drawId").asText()).isEqualTo(drawId);
            assertThat(c.path("outcome").asText()).isEqualTo("NO_ISSUES");
        });
    }

    @Test
    @Order(8)
    void anInspectorRecordsViolationsFromACsvThroughTheCliAllOrNothingAndNeverTwice() throws Exception {
        String local = TestValues.newUscc("915101");
        assertThat(services.post(chengdu, "/api/v1/enterprises", obj().put("uscc", local).put("name", "Chengdu CSV Works " + local.substring(10))
                .put("platform", false)).status()).isEqualTo(200);
        String today = LocalDate.now(CHINA).toString();
        String header = "uscc,type,amountFen,workersAffected,decisionDate,decisionDocumentHash,major,massIncident,status\n";
        String good = local + ",WAGE_ARREARS,250000,2," + today + "," + Hashes.sha256Hex(("csv 1 " + local).getBytes(StandardCharsets.UTF_8)) + ",false,false,OPEN\n"
                + local + ",ILLEGAL_OVERTIME,0,7," + today + "," + Hashes.sha256Hex(("csv 2 " + local).getBytes(StandardCharsets.UTF_8)) + ",,,\n";
        Path dir = Files.createTempDirectory("violations");
        Path password = dir.resolve("pw");
        Files.writeString(password, cdInspector.password());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, header + good + local + ",WAGE_ARREARS,12.5,1," + today + ",nothex,,,\n");
        Path csv = dir.resolve("violations.csv");
        Files.writeString(csv, header + good);
        String[] as = {"--url", chengdu.url(), "--user", cdInspector.user(), "--password-file", password.toString()};
        try {
            CliRun refused = services.cli(120, concat(as, "violations", "record", "--csv", bad.toString()));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(services.get(chengdu, "/api/v1/enterprises/" + local + "/violations").body().size()).as("nothing recorded").isZero();

            CliRun recorded = services.cli(120, concat(as, "violations", "record", "--csv", csv.toString()));
            assertThat(recorded.exitCode()).as(recorded.out()).isZero();
            assertThat(Json.tree(recorded.out()).path("recorded").asInt()).isEqualTo(2);
            Files.delete(dir.resolve("violations.csv.progress"));
            CliRun again = services.cli(120, concat(as, "violations", "record", "--csv", csv.toString()));
            assertThat(again.exitCode()).as(again.out()).isZero();
            assertThat(Json.tree(again.out()).path("alreadyOnLedger").asInt()).isEqualTo(2);
            JsonNode onLedger = services.get(chengdu, "/api/v1/enterprises/" + local + "/violations").body();
            assertThat(onLedger.findValuesAsText("type")).containsExactlyInAnyOrder("WAGE_ARREARS", "ILLEGAL_OVERTIME");
            assertThat(onLedger.findValuesAsText("recordedBy")).containsOnly(
                    services.get(cdInspector, "/api/v1/whoami").body().path("ledger").path("inspectorId").asText());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode rate(Service bureau, String expectedLevel) throws Exception {
        Answer rated = services.post(bureau, "/api/v1/enterprises/" + enterprise + "/ratings", obj().put("year", Integer.parseInt(year)));
        assertThat(rated.status()).as(rated.body().toString()).isEqualTo(200);
        JsonNode rating = rated.body();
        assertThat(rating.path("statement").path("level").asText()).isEqualTo(expectedLevel);
        // The signature verifies under the service's own attestation certificate, over the statement's canonical bytes.
        String pem = services.get(bureau, "/api/v1/attestation").body().path("certificatePem").asText();
        CreditRatingStatement statement = Json.read(rating.path("statement").toString(), CreditRatingStatement.class);
        assertThat(CreditRatingStatement.verify(statement, Signatures.parseCertificate(pem).getPublicKey(),
                Hashes.fromHex(rating.path("signatureHex").asText()))).isTrue();
        return rating;
    }

    private Service inspector(Service admin, String prefix, String region) {
        String number = TestValues.digits(6);
        String name = prefix + "-ins-" + number;
        String password = "pw-" + TestValues.digits(12);
        Answer created = services.post(admin, "/api/v1/accounts", obj().put("name", name).put("role", "INSPECTOR")
                .put("inspectorId", region + "-INS-" + number).put("password", password));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Answer registered = services.post(admin, "/api/v1/spot-checks/inspectors", obj().put("inspectorId", region + "-INS-" + number));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(registered.body().path("regionCode").asText()).isEqualTo(region);
        // The service holds the inspector's account, so it confirmed the entry with the inspector's own identity.
        assertThat(registered.body().path("confirmedBy").asText()).as(registered.body().toString()).endsWith(name);
        return admin.as(name, password);
    }

    private static ObjectNode violation(String uscc, String decisionDate) {
        return obj().put("uscc", uscc).put("type", "WAGE_ARREARS").put("amountFen", 1_250_000).put("workersAffected", 3)
                .put("decisionDate", decisionDate)
                .put("decisionDocumentHash", Hashes.sha256Hex(("decision " + uscc).getBytes(StandardCharsets.UTF_8)))
                .put("major", true).put("status", "PENALIZED");
    }

    private JsonNode waitForInboxItem(Service service, String eventName, String txId, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            Answer inbox = services.get(service, "/api/v1/inbox?eventName=" + eventName);
            assertThat(inbox.status()).as(inbox.body().toString()).isEqualTo(200);
            for (JsonNode item : inbox.body()) {
                if (item.path("txId").asText().equals(txId)) {
                    return item;
                }
            }
            assertThat(Instant.now()).as("%s of %s in the inbox of %s within %s", eventName, txId, service.url(), timeout)
                    .isBefore(end);
            Thread.sleep(250);
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> ms = nanos.stream().map(n -> n / 1_000_000).sorted().toList();
        return "n=" + ms.size() + " p50 " + ms.get(ms.size() / 2) + " ms, p90 " + ms.get((int) Math.ceil(ms.size() * 0.9) - 1)
                + " ms, max " + ms.get(ms.size() - 1) + " ms";
    }

    private static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }

}
