package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.statistics.Suppression;
import cn.cdcq.registry.client.statistics.SuppressionAudit;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.ReportPeriod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workforce statistics (issue 15 item 3) on the real two-region network, through both services'
 * REST API: certificates issued by a Chengdu and a Chongqing center in this run's own occupation
 * are counted again here from what the test issued and agree with the published rows (a count of 3
 * shown as "&lt;5", a second cell suppressed beside it, and no suppressed cell solvable from the
 * published table, by an audit that shares nothing with the service's method); five holders with
 * certificates in both regions move the mobility count by five; platform reports for a quarter
 * only this run uses give the expected totals, with Chongqing's three reports "&lt;5" and
 * Chengdu's six suppressed beside them, and a correction changes the quarter's total; both
 * regions publish the same tables; a rebuild from block 0 gives the same tables as the
 * event-fed store (timed); CSV export; who may read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path TIMINGS = Path.of("target", "statistics-timings.txt");
    private static final List<String> TABLES = List.of("certificates", "recognitions", "mobility", "violations", "integrity", "reports");

    private E2eServices services;
    private Service cd;
    private Service cq;
    private Service cdCenter;
    private Service cqCenter;
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;
    private String month;
    private String bothRegionsBefore;
    private ReportPeriod period;
    private final List<String> cdPlatforms = new ArrayList<>();
    private final List<String> cqPlatforms = new ArrayList<>();

    /** What this run issued: levels 1..5 of Chengdu's and Chongqing's row. */
    private final long[] cdExpected = {0, 0, 6, 3, 7};
    private final long[] cqExpected = {0, 0, 9, 6, 8};

    @BeforeAll
    void accounts() throws Exception {
        services = new E2eServices();
        cd = services.admin("chengdu");
        cq = services.admin("chongqing");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.out()).isZero();
        today = LocalDate.now(CHINA);
        month = today.toString().substring(0, 7);
        cdCenter = center(cd, "5251000MJ", "cd");
        cqCenter = center(cq, "5250000MJ", "cq");
        Files.deleteIfExists(TIMINGS);
    }

    private Service center(Service bureau, String prefix, String tag) {
        String first17 = prefix + String.format("%08d", RANDOM.nextInt(100_000_000));
        String centerId = first17 + Uscc.checkCharacter(first17);
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Statistics Test Center " + tag + " " + site).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 1);
        Answer accredited = services.post(bureau, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        return services.createAccount(bureau, "st-" + tag + "-" + site, "TRAINING_CENTER", "centerId", centerId);
    }

    // ------------------------------------------------------------------ certificates and mobility

    @Test
    @Order(1)
    void certificatesCountedAgainHereAgreeWithThePublishedRowsAndSmallCellsAreSuppressed() throws Exception {
        bothRegionsBefore = row(table(cd, "mobility"), "CERTIFICATE").path("cells").path(1).asText();
        // Chengdu: levels 3, 4, 5 six, three and seven times; holders 0..15. Chongqing: nine, six and eight; holders 0..4 again, then others.
        int holder = 0;
        ArrayNode cdBatch = Json.mapper().createArrayNode();
        for (int level = 1; level <= 5; level++) {
            for (int k = 0; k < cdExpected[level - 1]; k++) {
                cdBatch.add(certificate("51", level, holder++));
            }
        }
        ArrayNode cqBatch = Json.mapper().createArrayNode();
        int again = 0;
        for (int level = 1; level <= 5; level++) {
            for (int k = 0; k < cqExpected[level - 1]; k++) {
                cqBatch.add(certificate("50", level, again < 5 ? again++ : 100 + holder++));
            }
        }
        // Chengdu's as one batch (its event names no certificate: the store reads them from the transaction), Chongqing's one by one.
        Answer batch = services.post(cdCenter, "/api/v1/certificate-batches",
                Json.mapper().createObjectNode().set("certificates", cdBatch));
        assertThat(batch.status()).as("%s", batch).isEqualTo(201);
        for (JsonNode c : cqBatch) {
            Answer one = services.post(cqCenter, "/api/v1/certificates", c);
            assertThat(one.status()).as("%s", one).isEqualTo(201);
        }

        JsonNode table = await(cd, "certificates", t -> total(t, "CD").equals("16") && total(t, "CQ").equals("23"));
        JsonNode cdRow = row(table, "CD", occupation, month);
        JsonNode cqRow = row(table, "CQ", occupation, month);
        int suppressed = 0;
        for (int region = 0; region < 2; region++) {
            JsonNode r = region == 0 ? cdRow : cqRow;
            long[] expected = region == 0 ? cdExpected : cqExpected;
            for (int level = 1; level <= 5; level++) {
                String shown = r.path("cells").path(level - 1).asText();
                long count = expected[level - 1];
                if (count > 0 && count < Suppression.THRESHOLD) {
                    assertThat(shown).as("level %d of %s", level, r).isEqualTo("<5");
                } else if (!shown.equals("x")) {
                    assertThat(shown).as("level %d of %s", level, r).isEqualTo(Long.toString(count));
                }
                suppressed += shown.equals("x") || shown.equals("<5") ? 1 : 0;
            }
        }
        assertThat(cdRow.path("cells").path(3).asText()).isEqualTo("<5");
        assertThat(suppressed).as("the lone <5 has company in its row and column: %s %s", cdRow, cqRow).isGreaterThanOrEqualTo(2);
        assertThat(cdRow.toString() + cqRow).contains("\"x\"");
        audit(table);

        // Five holders hold a certificate in each region now: counted by pseudonym, five more in both.
        JsonNode mobility = await(cd, "mobility", t -> !row(t, "CERTIFICATE").path("cells").path(1).asText().equals(bothRegionsBefore)
                || bothRegionsBefore.equals("x"));
        String after = row(mobility, "CERTIFICATE").path("cells").path(1).asText();
        if (bothRegionsBefore.matches("\\d+")) {
            assertThat(Long.parseLong(after)).as("holders in both regions").isEqualTo(Long.parseLong(bothRegionsBefore) + 5);
        }
        assertThat(mobility.toString()).as("counted by pseudonym, never listed").doesNotContainPattern("[0-9a-f]{64}");
    }

    private ObjectNode certificate(String province, int level, int holder) {
        String number = String.format("S0002%s%06d%02d%d%06d", province, site, today.getYear() % 100, level, ++serial);
        String first17 = "510104" + LocalDate.of(1960, 1, 1).plusDays((site + holder) % 14000).toString().replace("-", "")
                + String.format("%03d", (site / 14000 + holder) % 1000);
        return Json.mapper().createObjectNode().put("number", number).put("occupation", occupation).put("level", level)
                .put("issueDate", today.toString()).put("holderName", "测试工人" + holder)
                .put("holderIdNumber", first17 + ResidentIdNumber.checkCharacter(first17));
    }

    private String total(JsonNode table, String region) {
        JsonNode r = row(table, region, occupation, month);
        return r == null ? "" : r.path("total").asText();
    }

    /** No suppressed entry of the published table (cells, row totals, column totals) can be solved for. */
    private static void audit(JsonNode table) {
        JsonNode rows = table.path("rows");
        int m = rows.size();
        int n = table.path("columns").size();
        boolean columnTotals = !table.path("totals").isNull() && !table.path("totals").isMissingNode();
        int height = columnTotals ? m + 1 : m;
        Suppression.Mark[][] marks = new Suppression.Mark[height][n + 1];
        for (int i = 0; i < height; i++) {
            JsonNode r = i < m ? rows.get(i) : table.path("totals");
            for (int j = 0; j <= n; j++) {
                String v = j < n ? r.path("cells").get(j).asText() : r.path("total").asText();
                marks[i][j] = v.matches("\\d+") ? Suppression.Mark.SHOWN : Suppression.Mark.PRIMARY;
            }
        }
        List<int[]> solvable = SuppressionAudit.recoverable(new long[height][n + 1], marks,
                columnTotals ? Suppression.Margins.ROWS_AND_COLUMNS : Suppression.Margins.ROWS);
        assertThat(solvable).as("suppressed entries of %s solvable from the published ones", table.path("table").asText()).isEmpty();
    }

    // ------------------------------------------------------------------ platform report totals

    @Test
    @Order(2)
    void reportTotalsOfAQuarterOnlyThisRunUsesAgreeAndACorrectionChangesThem() throws Exception {
        JsonNode before = table(cd, "reports");
        do {
            period = new ReportPeriod(2001 + RANDOM.nextInt(19), 1 + RANDOM.nextInt(4));
        } while (row(before, period.toString(), "ALL") != null);
        for (int k = 0; k < 6; k++) {
            cdPlatforms.add(platform(cd, "91510100", k));
            file(cd, cdPlatforms.get(k), 100 + k, 20, 50, 1, 2);
        }
        for (int k = 0; k < 3; k++) {
            cqPlatforms.add(platform(cq, "91500000", k));
            file(cq, cqPlatforms.get(k), 200 + k, 10, 80, 0, 1);
        }
        // Independently: Chengdu 6 reports, 735 workers, 300 new-form, 6 injuries, 12 complaints; Chongqing 3, 633, 240, 0, 3.
        JsonNode table = await(cd, "reports", t -> row(t, period.toString(), "ALL") != null
                && row(t, period.toString(), "ALL").path("cells").path(0).asText().equals("9"));
        assertThat(cells(row(table, period.toString(), "ALL"))).containsExactly("9", "1368", "540", "6", "15");
        // Chongqing's three reports are "<5", so Chengdu's six are suppressed too (else 9 - 6 = 3), and every sum of either.
        assertThat(cells(row(table, period.toString(), "CQ"))).containsExactly("<5", "x", "x", "x", "<5");
        assertThat(cells(row(table, period.toString(), "CD"))).containsExactly("x", "x", "x", "x", "x");

        Answer corrected = services.put(cd, "/api/v1/enterprises/" + cdPlatforms.get(0) + "/reports/" + period,
                counts(150, 20, 50, 1, 2).put("reasonCode", "LATE_RECORDS").put("reason", "contracts of 50 riders arrived late"));
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(200);
        JsonNode after = await(cd, "reports", t -> row(t, period.toString(), "ALL").path("cells").path(1).asText().equals("1418"));
        assertThat(cells(row(after, period.toString(), "ALL"))).containsExactly("9", "1418", "540", "6", "15");
        Answer ledgerTotals = services.get(cq, "/api/v1/reports/totals?period=" + period);
        assertThat(ledgerTotals.body().path("all").path("totalWorkers").asLong()).as("%s", ledgerTotals).isEqualTo(1418);
    }

    private String platform(Service bureau, String prefix, int k) {
        String uscc = TestValues.newUscc(prefix);
        Answer a = services.post(bureau, "/api/v1/enterprises", Json.mapper().createObjectNode().put("uscc", uscc)
                .put("name", "Statistics Platform " + k + " " + uscc.substring(10)).put("platform", true));
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return uscc;
    }

    private void file(Service bureau, String uscc, long riders, long couriers, long newForm, long injuries, long complaints) {
        Answer a = services.post(bureau, "/api/v1/enterprises/" + uscc + "/reports",
                counts(riders, couriers, newForm, injuries, complaints).put("period", period.toString()));
        assertThat(a.status()).as("%s", a).isEqualTo(201);
    }

    private static ObjectNode counts(long riders, long couriers, long newForm, long injuries, long complaints) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("workersByOccupation")
                .add(Json.mapper().createObjectNode().put("occupation", "4-02-07-10").put("workers", riders))
                .add(Json.mapper().createObjectNode().put("occupation", "4-02-06-03").put("workers", couriers));
        body.putArray("workersByRegion")
                .add(Json.mapper().createObjectNode().put("regionCode", "CD").put("workers", couriers))
                .add(Json.mapper().createObjectNode().put("regionCode", "CQ").put("workers", riders));
        return body.put("newFormWorkers", newForm).put("occupationalInjuries", injuries).put("complaintsReceived", complaints);
    }

    // ------------------------------------------------------------------ both regions, rebuild, CSV, roles

    @Test
    @Order(3)
    void bothRegionsPublishTheSameTablesAndARebuildFromTheLedgerGivesThemAgain() throws Exception {
        List<String> cdTables = settled();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> cqTables = tables(cq);
        while (!cqTables.equals(cdTables) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            cqTables = tables(cq);
        }
        assertThat(cqTables).as("Chongqing's tables").isEqualTo(cdTables);

        Answer started = services.post(cd, "/api/v1/statistics/rebuild", null);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.body().path("state").asText()).isEqualTo("RUNNING");
        Answer again = services.post(cd, "/api/v1/statistics/rebuild", null);
        JsonNode progress = services.get(cd, "/api/v1/statistics/rebuild").body();
        if (again.status() != 409) {
            assertThat(again.status()).as("a second rebuild only once the first is done: %s", again).isEqualTo(202);
        } else {
            assertThat(again.body().path("code").asText()).isEqualTo("CONFLICT");
        }
        long end = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (progress.path("state").asText().equals("RUNNING") && System.nanoTime() < end) {
            assertThat(progress.path("blocksDone").asLong()).isLessThanOrEqualTo(Math.max(progress.path("height").asLong(), 0));
            Thread.sleep(1000);
            progress = services.get(cd, "/api/v1/statistics/rebuild").body();
        }
        assertThat(progress.path("state").asText()).as("%s", progress).isEqualTo("DONE");
        assertThat(progress.path("blocksDone").asLong()).isEqualTo(progress.path("height").asLong());
        record("statistics rebuild from block 0 (blocks, ms, certificates counted)", progress.path("height").asLong() + " blocks, "
                + progress.path("millis").asLong() + " ms, " + table(cd, "certificates").path("totals").path("total").asText());
        assertThat(tables(cd)).as("the rebuilt tables").isEqualTo(cdTables);
    }

    /** Chengdu's six tables once two reads a second apart agree (the events have been counted). */
    private List<String> settled() throws InterruptedException {
        List<String> last = tables(cd);
        for (int i = 0; i < 60; i++) {
            Thread.sleep(1000);
            List<String> now = tables(cd);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private List<String> tables(Service service) {
        List<String> out = new ArrayList<>();
        for (String t : TABLES) {
            ObjectNode table = (ObjectNode) table(service, t);
            table.remove("throughBlock");
            out.add(table.toString());
        }
        return out;
    }

    @Test
    @Order(4)
    void theCsvHoldsTheSameRowsAndOnlyBureausReadTheStatistics() throws Exception {
        HttpResponse<String> csv = raw(cq, "/api/v1/statistics/certificates?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("region,occupation,month,1,2,3,4,5,Z,T1,T2,T3,T4,T5,total");
        JsonNode cdRow = row(table(cq, "certificates"), "CD", occupation, month);
        assertThat(lines).contains("CD," + occupation + "," + month + "," + String.join(",", cells(cdRow)) + "," + cdRow.path("total").asText());
        assertThat(lines.get(lines.size() - 1)).startsWith("TOTAL,TOTAL,TOTAL,");

        assertThat(services.get(cdCenter, "/api/v1/statistics/certificates").status()).isEqualTo(403);
        assertThat(services.get(cd.anonymous(), "/api/v1/statistics/certificates").status()).isEqualTo(401);
        assertThat(services.post(cqCenter, "/api/v1/statistics/rebuild", null).status()).isEqualTo(403);
        Answer unknown = services.get(cd, "/api/v1/statistics/salaries");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("field").asText()).isEqualTo("table");
        Answer format = services.get(cd, "/api/v1/statistics/reports?format=xlsx");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.body().path("field").asText()).isEqualTo("format");
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode table(Service service, String name) {
        Answer a = services.get(service, "/api/v1/statistics/" + name);
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        return a.body();
    }

    private JsonNode await(Service service, String name, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode t = table(service, name);
        while (!until.test(t) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            t = table(service, name);
        }
        assertThat(until.test(t)).as("table %s as expected in time: %s", name, t).isTrue();
        return t;
    }

    private static JsonNode row(JsonNode table, String... keys) {
        for (JsonNode r : table.path("rows")) {
            List<String> k = new ArrayList<>();
            r.path("keys").forEach(v -> k.add(v.asText()));
            if (k.equals(List.of(keys))) {
                return r;
            }
        }
        return null;
    }

    private static List<String> cells(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.path("cells").forEach(c -> out.add(c.asText()));
        return out;
    }

    private static HttpResponse<String> raw(Service service, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((service.user() + ":" + service.password()).getBytes(StandardCharsets.UTF_8))).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void record(String what, String value) throws IOException {
        String line = what + ": " + value;
        System.out.println("[statistics timing] " + line);
        Files.createDirectories(TIMINGS.getParent());
        Files.writeString(TIMINGS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
