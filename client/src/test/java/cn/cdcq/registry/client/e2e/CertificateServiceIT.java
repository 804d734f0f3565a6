package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.format.ResidentIdNumber;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skill certificates through the regional services only, as their users meet them: HTTP and the
 * CLI, every party with its own account, on the real network. Chongqing's bureau accredits a new
 * center and its administrator creates the center's account; the center issues thousands of
 * certificates from a CSV through the CLI (timed), sees a CSV with one bad row refused whole, and
 * resumes an interrupted import without issuing anything twice; a Chengdu employer without an
 * account verifies through Chengdu's public endpoint and sees the certificate valid and recognized
 * in Chengdu by the rule both bureaus agreed through the API; a single issue and its retry; the
 * refusals (401, 403); and the latency of public verification and of a single issue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateServiceIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path TIMINGS = Path.of("target", "certificate-service-timings.txt");
    private static final String COLUMNS = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber";

    private E2eServices services;
    private Service cqAdmin;
    private Service cdAdmin;
    private Service cqCenter;
    private Service cdCenter;
    private Service cqInspector;
    private String cqCenterName;
    private Path cqCenterPassword;
    private Path work;

    /** This run's own occupation (no other run's recognition rule covers it) and certificate site sequence. */
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;

    /** What the big import issued: number -> (holder name, ID number, salt), for the checks after it. */
    private final Map<String, String[]> issued = new LinkedHashMap<>();

    @BeforeAll
    void accreditACenterAndCreateTheAccounts() throws Exception {
        services = new E2eServices();
        work = Files.createDirectories(Path.of("target", "certificate-service-it"));
        today = LocalDate.now(CHINA);
        cqAdmin = services.admin("chongqing");
        cdAdmin = services.admin("chengdu");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();

        // The Chongqing bureau accredits a new center through the API ...
        String centerId = TestValues.withCheck("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Chongqing Vocational Skills Center " + site).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        assertThat(accredited.body().path("region").asText()).isEqualTo("CQ");
        assertThat(accredited.body().path("status").asText()).isEqualTo("ACTIVE");

        // ... and its administrator creates the center's account, with the center's USCC as centerId.
        cqCenterName = "cq-center-" + site;
        cqCenter = services.createAccount(cqAdmin, cqCenterName, "TRAINING_CENTER", "centerId", centerId);
        cqCenterPassword = work.resolve(cqCenterName + ".pw");
        Files.writeString(cqCenterPassword, cqCenter.password());
        cqInspector = services.createAccount(cqAdmin, "cq-ins-" + site, "INSPECTOR", "inspectorId",
                String.format("CQ-INS-%06d", site));
        cdCenter = services.createAccount(cdAdmin, "cd-center-" + site, "TRAINING_CENTER", "centerId",
                TestValues.withCheck("5251000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000))));
        Files.deleteIfExists(TIMINGS);
    }

    @AfterAll
    void removeThePasswordFile() throws IOException {
        if (cqCenterPassword != null) {
            Files.deleteIfExists(cqCenterPassword);
        }
    }

    // ------------------------------------------------------------------ bulk issue through the CLI

    @Test
    @Order(1)
    void theCenterIssuesThreeThousandCertificatesFromACsvThroughTheCli() throws Exception {
        int rows = 3000;
        Path csv = work.resolve("batch-" + site + ".csv");
        Map<String, String[]> holders = writeCsv(csv, rows, -1);

        long start = System.nanoTime();
        CliRun run = issueBatch(csv, "500");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode summary = Json.tree(run.out());
        assertThat(summary.path("batches").asInt()).isEqualTo(6);
        assertThat(summary.path("submitted").asInt()).isEqualTo(6);
        assertThat(run.err()).contains("100% 3000/3000 rows, batch 6/6");
        record("issue-batch CLI, " + rows + " rows in 6 transactions of 500 (ms, whole CLI run incl. JVM start)",
                String.valueOf(millis));
        record("issue-batch CLI, " + rows + " rows, time the CLI reports (s)", summary.path("seconds").asText());

        Map<String, String[]> salts = readSalts(csv.resolveSibling(csv.getFileName() + ".salts.csv"));
        assertThat(salts.keySet()).containsExactlyInAnyOrderElementsOf(holders.keySet());
        assertThat(salts.values().stream().map(s -> s[1]).distinct()).as("one ledger batch id per chunk").hasSize(6);
        assertThat(run.out() + run.err()).as("no salt and no holder detail on the terminal")
                .doesNotContain(salts.values().iterator().next()[0]).doesNotContain(holders.values().iterator().next()[1]);
        for (var e : holders.entrySet()) {
            issued.put(e.getKey(), new String[]{e.getValue()[0], e.getValue()[1], salts.get(e.getKey())[0]});
        }

        // Every batch is on the ledger with its count; a sample certificate reads back as issued, holder as pseudonym.
        int total = 0;
        for (String batchId : new HashSet<>(salts.values().stream().map(s -> s[1]).toList())) {
            Answer batch = services.get(cqCenter, "/api/v1/certificate-batches/" + batchId);
            assertThat(batch.status()).as("%s", batch).isEqualTo(200);
            total += batch.body().path("count").asInt();
        }
        assertThat(total).isEqualTo(rows);
        String sample = new ArrayList<>(holders.keySet()).get(1234);
        Answer certificate = services.get(cqInspector, "/api/v1/certificates/" + sample);
        assertThat(certificate.status()).isEqualTo(200);
        assertThat(certificate.body().path("status").asText()).isEqualTo("VALID");
        assertThat(certificate.body().path("claims").path("holderPseudonym").asText()).matches("[0-9a-f]{64}");
        assertThat(certificate.body().toString()).doesNotContain(holders.get(sample)[0]).doesNotContain(holders.get(sample)[1]);
    }

    @Test
    @Order(2)
    void aCsvWithOneInvalidRowIsReportedWithItsLineAndNothingOfItIsSubmitted() throws Exception {
        Path csv = work.resolve("bad-" + site + ".csv");
        Map<String, String[]> holders = writeCsv(csv, 6, 3);
        CliRun run = issueBatch(csv, "500");
        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.err()).contains("1 invalid row(s); nothing was submitted")
                .containsPattern("line 5: holderIdNumber: resident ID number 500101\\*+\\d{3}[0-9X]: check character should be");
        assertThat(run.out()).isEmpty();
        for (String number : holders.keySet()) {
            assertThat(services.get(cqCenter, "/api/v1/certificates/" + number).status()).as(number).isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void anInterruptedImportResumesAndIssuesNothingTwice() throws Exception {
        int rows = 2000;
        Path csv = work.resolve("resume-" + site + ".csv");
        Map<String, String[]> holders = writeCsv(csv, rows, -1);
        Path progress = csv.resolveSibling(csv.getFileName() + ".progress");
        Path out = work.resolve("resume.out");
        Path err = work.resolve("resume.err");
        Process first = services.startCli(out, err, "--region", "chongqing", "--user", cqCenterName, "--password-file",
                cqCenterPassword.toString(), "issue-batch", "--csv", csv.toString(), "--chunk", "200",
                // one chunk in flight when it is killed, so at most one more than the struck one is found on the ledger
                "--in-flight", "1");
        Instant deadline = Instant.now().plusSeconds(120);
        while (lines(progress) < 2) {
            assertThat(first.isAlive()).as("the first run is still going: %s", Files.exists(err) ? Files.readString(err) : "").isTrue();
            assertThat(Instant.now()).as("two batches recorded within 120 s").isBefore(deadline);
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(first.exitValue()).as("killed before it finished").isNotZero();
        // As if the answer to the last recorded batch had been lost: it is on the ledger but not in the progress file.
        List<String> recorded = Files.readAllLines(progress);
        Files.write(progress, recorded.subList(0, recorded.size() - 1), StandardCharsets.UTF_8);

        CliRun resumed = issueBatch(csv, "200");
        assertThat(resumed.exitCode()).as("%s", resumed).isZero();
        JsonNode summary = Json.tree(resumed.out());
        assertThat(summary.path("batches").asInt()).isEqualTo(10);
        assertThat(summary.path("skippedAsDone").asInt()).isEqualTo(recorded.size() - 1);
        assertThat(summary.path("alreadyOnLedger").asInt()).as("the batch whose answer was lost, and the one in flight if it "
                + "committed").isBetween(1, 2);
        assertThat(summary.path("submitted").asInt() + summary.path("skippedAsDone").asInt()
                + summary.path("alreadyOnLedger").asInt()).isEqualTo(10);

        Map<String, String[]> salts = readSalts(csv.resolveSibling(csv.getFileName() + ".salts.csv"));
        assertThat(salts.keySet()).containsExactlyInAnyOrderElementsOf(holders.keySet());
        Set<String> batches = new HashSet<>(salts.values().stream().map(s -> s[1]).toList());
        assertThat(batches).as("ten batches on the ledger, none twice").hasSize(10);
        int total = 0;
        for (String batchId : batches) {
            total += services.get(cqCenter, "/api/v1/certificate-batches/" + batchId).body().path("count").asInt();
        }
        assertThat(total).isEqualTo(rows);
        // A certificate of the batch answered twice: one version in its history, and the salt the second answer gave works.
        String replayed = new ArrayList<>(holders.keySet()).get((recorded.size() - 1) * 200);
        Answer history = services.get(cqCenter, "/api/v1/certificates/" + replayed + "/history");
        assertThat(history.body()).hasSize(1);
        Answer holderCheck = services.post(cqCenter.anonymous(), "/api/v1/public/certificates/" + replayed + "/verification",
                holderBody(holders.get(replayed)[0], holders.get(replayed)[1], salts.get(replayed)[0]));
        assertThat(VerificationReports.step(holderCheck.body(), "HOLDER")).isEqualTo("PASS");
    }

    // ------------------------------------------------------------------ verification in the other region

    @Test
    @Order(4)
    void aChengduEmployerWithoutAnAccountSeesTheCertificateValidAndRecognizedInChengdu() throws Exception {
        assertThat(issued).as("the CSV import ran first").isNotEmpty();
        String number = issued.keySet().iterator().next();
        String[] holder = issued.get(number);

        // Before any rule, Chengdu's public endpoint says valid but not recognized in CD.
        JsonNode before = awaitVerification(cdAdmin.anonymous(), number);
        assertThat(before.path("verdict").asText()).as("%s", before).isEqualTo("VALID");
        assertThat(VerificationReports.recognition(before, "CD").path("recognized").asBoolean()).isFalse();
        assertThat(VerificationReports.recognition(before, "CD").path("basis").asText()).isEqualTo("NONE");

        // Chongqing proposes a rule for this occupation through the API; Chengdu accepts it through the API.
        ObjectNode proposal = Json.mapper().createObjectNode().put("occupation", occupation).put("minimumLevel", 4)
                .put("fromRegion", "CQ").put("toRegion", "CD").put("effectiveFrom", today.minusDays(1).toString());
        Answer proposed = services.post(cqAdmin, "/api/v1/recognition-rules", proposal);
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
        String ruleId = proposed.body().path("id").asText();
        awaitInboxItem(cdAdmin, ruleId);
        Answer accepted = awaitAnswer(() -> services.post(cdAdmin, "/api/v1/recognition-rules/" + ruleId + "/accept", null));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(accepted.body().path("status").asText()).isEqualTo("IN_FORCE");

        // The employer (no account) asks Chengdu's service: each check passes and CD recognizes it by that rule.
        Answer verified = services.get(cdAdmin.anonymous(), "/api/v1/public/certificates/" + number + "/verification");
        assertThat(verified.status()).isEqualTo(200);
        JsonNode report = verified.body();
        assertThat(report.path("verdict").asText()).isEqualTo("VALID");
        for (String check : List.of("RECORD", "CANONICAL_HASH", "MERKLE_PATH", "REGION_SIGNATURE", "ISSUER_ACCREDITED", "STATUS")) {
            assertThat(VerificationReports.step(report, check)).as(check).isEqualTo("PASS");
        }
        assertThat(VerificationReports.step(report, "HOLDER")).isEqualTo("NOT_APPLICABLE");
        JsonNode cd = VerificationReports.recognition(report, "CD");
        assertThat(cd.path("recognized").asBoolean()).as("%s", cd).isTrue();
        assertThat(cd.path("basis").asText()).isEqualTo("RULE");
        assertThat(cd.path("ruleId").asText()).isEqualTo(ruleId);
        assertThat(VerificationReports.recognition(report, "CQ").path("basis").asText()).isEqualTo("HOME_REGION");

        // The worker proves it is theirs through the CLI, at Chengdu, with the salt the center handed them.
        // The details come from a file (0600) or standard input, never the command line (the process list shows it).
        Path details = Files.createTempFile("holder", ".json");
        try {
            Files.writeString(details, Json.mapper().createObjectNode().put("holderName", holder[0])
                    .put("holderIdNumber", holder[1]).put("holderSalt", holder[2]).toString());
            CliRun theirs = services.cli(60, "--region", "chengdu", "verify", number, "--holder", details.toString());
            assertThat(theirs.exitCode()).as("%s", theirs).isZero();
            assertThat(VerificationReports.step(Json.tree(theirs.out()), "HOLDER")).isEqualTo("PASS");
        } finally {
            Files.deleteIfExists(details);
        }
        CliRun someoneElse = services.cliWithInput(60, Json.mapper().createObjectNode().put("holderName", holder[0] + "二")
                .put("holderIdNumber", holder[1]).put("holderSalt", holder[2]).toString(),
                "--region", "chengdu", "verify", number, "--holder", "-");
        assertThat(someoneElse.exitCode()).as("%s", someoneElse).isEqualTo(3);
        assertThat(VerificationReports.step(Json.tree(someoneElse.out()), "HOLDER")).isEqualTo("FAIL");
        CliRun unknown = services.cli(60, "--region", "chengdu", "verify", number.substring(0, 16) + "999999");
        assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(3);
        assertThat(VerificationReports.step(Json.tree(unknown.out()), "RECORD")).isEqualTo("FAIL");
        CliRun malformed = services.cli(60, "--region", "chengdu", "verify", number.substring(1));
        assertThat(malformed.exitCode()).as("%s", malformed).isEqualTo(1);
        assertThat(malformed.err()).contains("400 INVALID_CERTIFICATE_NUMBER");
    }

    // ------------------------------------------------------------------ single issue, status, refusals

    @Test
    @Order(5)
    void aSingleIssueThroughTheApiIsIdempotentAndItsBureauChangesItsStatus() throws Exception {
        String number = number(4);
        String[] holder = holder(900_000 + site % 1000);
        ObjectNode body = certificateBody(number, 4, holder);
        Answer first = services.post(cqCenter, "/api/v1/certificates", body);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.body().path("outcome").asText()).isEqualTo("ISSUED");
        assertThat(first.headers().get("cache-control")).containsExactly("no-store");
        String salt = first.body().path("certificate").path("holderSalt").asText();
        assertThat(salt).matches("[0-9a-f]{64}");

        Answer again = services.post(cqCenter, "/api/v1/certificates", body);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("ALREADY_ISSUED");
        assertThat(again.body().path("certificate").path("holderSalt").asText()).isEqualTo(salt);
        assertThat(services.get(cqCenter, "/api/v1/certificates/" + number + "/history").body()).hasSize(1);

        // Same number, another holder: the number is taken.
        Answer taken = services.post(cqCenter, "/api/v1/certificates", certificateBody(number, 4, holder(1 + site % 1000)));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("code").asText()).isEqualTo("ALREADY_EXISTS");

        // Chongqing's bureau suspends and reinstates; Chengdu's bureau may not touch a Chongqing certificate.
        Answer suspended = services.post(cqAdmin, "/api/v1/certificates/" + number + "/suspend",
                Json.mapper().createObjectNode().put("reasonCode", "UNDER_INVESTIGATION").put("reason", "complaint CQ-2026-17"));
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.body().path("status").asText()).isEqualTo("SUSPENDED");
        Answer foreign = awaitAnswer(() -> services.post(cdAdmin, "/api/v1/certificates/" + number + "/revoke",
                Json.mapper().createObjectNode().put("reasonCode", "ISSUED_IN_ERROR").put("reason", "not ours")));
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(403);
        assertThat(foreign.body().path("detail").asText()).contains("issued in region CQ");
        Answer reinstated = services.post(cqAdmin, "/api/v1/certificates/" + number + "/reinstate",
                Json.mapper().createObjectNode().put("reasonCode", "INVESTIGATION_CLEARED").put("reason", "complaint unfounded"));
        assertThat(reinstated.body().path("status").asText()).isEqualTo("VALID");
        assertThat(services.get(cqAdmin, "/api/v1/certificates/" + number + "/history").body()).hasSize(3);
    }

    @Test
    @Order(6)
    void withoutCredentials401AnInspector403AndAChengduCenterActingOnAChongqingCertificate403() throws Exception {
        String number = number(4);
        ObjectNode body = certificateBody(number, 4, holder(800_000 + site % 1000));
        Answer anonymous = services.post(cqCenter.anonymous(), "/api/v1/certificates", body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        Answer inspector = services.post(cqInspector, "/api/v1/certificates", body);
        assertThat(inspector.status()).isEqualTo(403);
        assertThat(inspector.body().path("code").asText()).isEqualTo("FORBIDDEN");
        Answer batchByInspector = services.post(cqInspector, "/api/v1/certificate-batches",
                Json.mapper().createObjectNode().set("certificates", Json.mapper().createArrayNode().add(body)));
        assertThat(batchByInspector.status()).isEqualTo(403);
        assertThat(services.get(cqCenter, "/api/v1/certificates/" + number).status()).as("nothing issued").isEqualTo(404);

        String chongqings = issued.keySet().iterator().next();
        Answer revokeByCdCenter = services.post(cdCenter, "/api/v1/certificates/" + chongqings + "/revoke",
                Json.mapper().createObjectNode().put("reasonCode", "ISSUED_IN_ERROR").put("reason", "not ours"));
        assertThat(revokeByCdCenter.status()).isEqualTo(403);
        // The Chengdu center issuing under a Chongqing certificate's number: it is not accredited, the ledger refuses.
        Answer issueByCdCenter = services.post(cdCenter, "/api/v1/certificates",
                certificateBody(chongqings, chongqings.charAt(15) - '0', issued.get(chongqings)));
        assertThat(issueByCdCenter.status()).as("%s", issueByCdCenter).isEqualTo(403);
        assertThat(issueByCdCenter.body().path("detail").asText()).contains("not accredited");
        Answer stillValid = services.get(cqInspector, "/api/v1/certificates/" + chongqings);
        assertThat(stillValid.body().path("status").asText()).isEqualTo("VALID");

        Answer wrongField = services.post(cqCenter, "/api/v1/certificates", certificateBody(number.substring(0, 15) + "3"
                + number.substring(16), 4, holder(1)));
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.body().path("field").asText()).isEqualTo("number");
        assertThat(wrongField.body().path("code").asText()).isEqualTo("INVALID_CERTIFICATE_NUMBER");
    }

    // ------------------------------------------------------------------ latency

    @Test
    @Order(7)
    void latencyOfPublicVerificationAndOfASingleIssueThroughTheApi() throws Exception {
        String number = issued.keySet().iterator().next();
        Service employer = cdAdmin.anonymous();
        for (int i = 0; i < 10; i++) {
            services.get(employer, "/api/v1/public/certificates/" + number + "/verification");
        }
        List<Long> verify = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            Answer a = services.get(employer, "/api/v1/public/certificates/" + number + "/verification");
            verify.add(System.nanoTime() - start);
            assertThat(a.status()).isEqualTo(200);
        }
        List<Long> issue = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ObjectNode body = certificateBody(number(4), 4, holder(700_000 + i));
            long start = System.nanoTime();
            Answer a = services.post(cqCenter, "/api/v1/certificates", body);
            issue.add(System.nanoTime() - start);
            assertThat(a.status()).as("%s", a).isEqualTo(201);
        }
        record("public verification GET at Chengdu, 200 calls (ms p50 / p95 / max)", percentiles(verify));
        record("single issue POST at Chongqing, 40 calls (ms p50 / p95 / max)", percentiles(issue));
    }

    // ------------------------------------------------------------------ helpers

    private CliRun issueBatch(Path csv, String chunk) throws Exception {
        return services.cli(600, "--region", "chongqing", "--user", cqCenterName, "--password-file",
                cqCenterPassword.toString(), "issue-batch", "--csv", csv.toString(), "--chunk", chunk);
    }

    /** A CSV of {@code rows} certificates of this run; row {@code badRow} (0-based, -1 none) gets a wrong ID check character. */
    private Map<String, String[]> writeCsv(Path csv, int rows, int badRow) throws IOException {
        Map<String, String[]> holders = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder(COLUMNS).append('\n');
        for (int i = 0; i < rows; i++) {
            int level = 2 + i % 4;
            String number = number(level);
            String[] holder = holder(serial);
            if (i == badRow) {
                holder[1] = holder[1].substring(0, 17) + (holder[1].endsWith("0") ? "1" : "0");
            }
            String expiry = i % 3 == 0 ? today.plusYears(5).toString() : "";
            text.append(number).append(',').append(occupation).append(',').append(level).append(',')
                    .append(today.minusDays(i % 20)).append(',').append(expiry).append(",\"").append(holder[0]).append("\",")
                    .append(holder[1]).append('\n');
            holders.put(number, holder);
        }
        Files.writeString(csv, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return holders;
    }

    /** S + body 0002 + province 50 + this run's site + year + level + serial. */
    private String number(int level) {
        return String.format("S000250%06d%02d%d%06d", site, today.getYear() % 100, level, ++serial);
    }

    /** A holder of this run: a name and a valid resident ID number. */
    private String[] holder(int person) {
        String first17 = "500101" + LocalDate.of(1965, 1, 1).plusDays((site + person) % 14000).toString().replace("-", "")
                + String.format("%03d", (site / 14000 + person) % 1000);
        return new String[]{"测试工人" + person, first17 + ResidentIdNumber.checkCharacter(first17)};
    }

    private ObjectNode certificateBody(String number, int level, String[] holder) {
        return Json.mapper().createObjectNode().put("number", number).put("occupation", occupation).put("level", level)
                .put("issueDate", today.toString()).put("holderName", holder[0]).put("holderIdNumber", holder[1]);
    }

    private static ObjectNode holderBody(String name, String id, String salt) {
        return Json.mapper().createObjectNode().put("holderName", name).put("holderIdNumber", id).put("holderSalt", salt);
    }

    /** number -> {salt, ledger batch id} from a salts file. */
    private static Map<String, String[]> readSalts(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("certificateNumber,holderSalt,batchId");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String[]> salts = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(salts.put(f[0], new String[]{f[1], f[2]})).as("%s once in the salts file", f[0]).isNull();
        }
        return salts;
    }

    private static int lines(Path file) throws IOException {
        return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    /** Verification at {@code service} once its peer has the certificate (the other region's peer may lag a moment). */
    private JsonNode awaitVerification(Service service, String number) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (true) {
            Answer a = services.get(service, "/api/v1/public/certificates/" + number + "/verification");
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            if (!VerificationReports.step(a.body(), "RECORD").equals("FAIL")) {
                return a.body();
            }
            assertThat(Instant.now()).as("certificate %s visible at %s within 30 s", number, service.url()).isBefore(end);
            Thread.sleep(100);
        }
    }

    /** Waits until the other region's proposal reaches {@code service}'s inbox as something it must act on. */
    private void awaitInboxItem(Service service, String txId) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (true) {
            for (JsonNode item : services.get(service, "/api/v1/inbox?needsAction=true").body()) {
                if (item.path("txId").asText().equals(txId)
                        && item.path("eventName").asText().equals("RecognitionRuleProposed")) {
                    return;
                }
            }
            assertThat(Instant.now()).as("proposal %s in %s's inbox as needing action within 30 s", txId, service.url())
                    .isBefore(end);
            Thread.sleep(200);
        }
    }

    /** Retries a write through the other region's service while its peer has not yet seen what it refers to (404). */
    private static Answer awaitAnswer(java.util.function.Supplier<Answer> call) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (true) {
            Answer a = call.get();
            if (a.status() != 404 || Instant.now().isAfter(end)) {
                return a;
            }
            Thread.sleep(100);
        }
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("%.1f / %.1f / %.1f", at(sorted, 0.50), at(sorted, 0.95), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void record(String what, String value) throws IOException {
        String line = what + ": " + value;
        System.out.println("[certificate-service timing] " + line);
        Files.createDirectories(TIMINGS.getParent());
        Files.writeString(TIMINGS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
