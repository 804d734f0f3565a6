package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.ReportPeriod;
import cn.cdcq.registry.common.report.ReportTransactions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Platform employment reports (issue 15 item 2) on the real two-region network, through both
 * regional services' REST API (and once through the Fabric Gateway, to show the contract's own
 * check): Chengdu files a Chengdu platform's quarterly report; a second report for the quarter, a
 * negative count, an unknown enterprise, a non-platform enterprise, a quarter not yet ended and
 * Chongqing's bureau filing for a Chengdu platform are refused with nothing changed (the report,
 * its history and the quarter's totals read the same before and after); a correction supersedes
 * the report and changes the totals while the history keeps both versions, read through
 * Chongqing's service and peer; the late list is the same for both regions. Each run registers
 * fresh enterprises, so it passes on a network kept from earlier runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private E2eServices services;
    private E2eNetwork net;
    private Service chengdu;
    private Service chongqing;
    private String cdPlatform;
    private String cqPlatform;
    private String cdOther;
    /** A quarter that has ended and whose due date has passed: every report filed for it now is late. */
    private ReportPeriod period;
    private JsonNode filed;

    @BeforeAll
    void services() throws Exception {
        services = new E2eServices();
        net = new E2eNetwork();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.out()).isZero();
        LocalDate today = LocalDate.now(CHINA);
        ReportPeriod current = new ReportPeriod(today.getYear(), (today.getMonthValue() + 2) / 3);
        period = before(current);
        if (!today.isAfter(period.dueOn())) {
            period = before(period);
        }
        cdPlatform = register(chengdu, TestValues.newUscc("91510100"), "Chengdu Rider Platform", true);
        cqPlatform = register(chongqing, TestValues.newUscc("91500000"), "Chongqing Delivery Platform", true);
        cdOther = register(chengdu, TestValues.newUscc("91510100"), "Chengdu Catering", false);
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    private static ReportPeriod before(ReportPeriod p) {
        return p.quarter() == 1 ? new ReportPeriod(p.year() - 1, 4) : new ReportPeriod(p.year(), p.quarter() - 1);
    }

    private String register(Service bureau, String uscc, String name, boolean platform) {
        Answer a = services.post(bureau, "/api/v1/enterprises", Json.mapper().createObjectNode().put("uscc", uscc)
                .put("name", name + " " + uscc.substring(10)).put("platform", platform));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return uscc;
    }

    /** A report body: riders and couriers, working in Chengdu and Chongqing. */
    private static ObjectNode counts(long riders, long couriers, long inCd, long newForm, long injuries, long complaints) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("workersByOccupation")
                .add(Json.mapper().createObjectNode().put("occupation", "4-02-07-10").put("workers", riders))
                .add(Json.mapper().createObjectNode().put("occupation", "4-02-06-03").put("workers", couriers));
        body.putArray("workersByRegion")
                .add(Json.mapper().createObjectNode().put("regionCode", "CD").put("workers", inCd))
                .add(Json.mapper().createObjectNode().put("regionCode", "CQ").put("workers", riders + couriers - inCd));
        return body.put("newFormWorkers", newForm).put("occupationalInjuries", injuries).put("complaintsReceived", complaints);
    }

    private ObjectNode report(String quarter, long riders, long couriers, long inCd, long newForm, long injuries,
                              long complaints) {
        return counts(riders, couriers, inCd, newForm, injuries, complaints).put("period", quarter);
    }

    /** What a refusal must leave as it was: the report's history and the quarter's totals. */
    private String state(Service reader, String uscc) {
        Answer history = services.get(reader, "/api/v1/enterprises/" + uscc + "/reports/" + period + "/history");
        Answer totals = services.get(reader, "/api/v1/reports/totals?period=" + period);
        assertThat(totals.status()).as(totals.toString()).isEqualTo(200);
        return history.status() + " " + history.body() + "\n" + totals.body();
    }

    /** The other region's peer commits a block a moment later, its service reads events after that: ask again for up to 60 s. */
    private static Answer eventually(Supplier<Answer> ask, Predicate<Answer> until) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer a = ask.get();
        while (!until.test(a) && System.nanoTime() < end) {
            Thread.sleep(250);
            a = ask.get();
        }
        return a;
    }

    /** The inbox item of one transaction's event, waited for (the service follows its peer's events). */
    private JsonNode inboxItem(Service service, String eventName, String txId) throws InterruptedException {
        Answer inbox = eventually(() -> services.get(service, "/api/v1/inbox?eventName=" + eventName),
                a -> a.body().findValuesAsText("txId").contains(txId));
        for (JsonNode item : inbox.body()) {
            if (item.path("txId").asText().equals(txId)) {
                return item;
            }
        }
        throw new AssertionError(eventName + " of " + txId + " is not in the inbox of " + service.url() + ": " + inbox);
    }

    @Test
    @Order(1)
    void chengduFilesItsPlatformsReportAndChongqingReadsIt() throws Exception {
        Answer a = services.post(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports",
                report(period.toString(), 800, 200, 700, 900, 3, 11));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        filed = a.body();
        assertThat(filed.path("version").asInt()).isEqualTo(1);
        assertThat(filed.path("regionCode").asText()).isEqualTo("CD");
        assertThat(filed.path("totalWorkers").asLong()).isEqualTo(1000);
        assertThat(filed.path("newFormWorkers").asLong()).isEqualTo(900);
        assertThat(filed.path("dueOn").asText()).isEqualTo(period.dueOn().toString());
        assertThat(filed.path("late").asBoolean()).as("filed after %s", period.dueOn()).isTrue();
        assertThat(filed.path("filedBy").asText()).isEqualTo("ChengduMSP/cd-admin");
        assertThat(filed.toString()).as("counts only: no pseudonym, name or ID number of a worker")
                .doesNotContain("pseudonym", "holder", "idNumber");

        Answer read = eventually(() -> services.get(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period),
                r -> r.status() == 200);
        assertThat(read.body()).as("read through Chongqing's service and peer").isEqualTo(filed);
        assertThat(services.get(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports").body())
                .containsExactly(filed);
    }

    @Test
    @Order(2)
    void refusedReportsChangeNothing() throws Exception {
        String before = state(chengdu, cdPlatform);
        List<String> refusals = new ArrayList<>();

        Answer twice = services.post(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports",
                report(period.toString(), 801, 200, 700, 900, 3, 11));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.body().path("code").asText()).isEqualTo("ALREADY_EXISTS");
        refusals.add("duplicate period");

        ObjectNode negative = report(period.toString(), 800, 200, 700, 900, 3, 11);
        ((ObjectNode) negative.path("workersByOccupation").get(1)).put("workers", -200);
        ((ObjectNode) negative.path("workersByRegion").get(1)).put("workers", -100);
        Answer refused = services.post(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports", negative);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body().path("field").asText()).isEqualTo("workersByOccupation[1].workers");
        refusals.add("negative count (service)");
        // The contract checks again: a negative count sent past the service, through the Gateway.
        String raw = "{\"period\":\"" + period + "\",\"workersByOccupation\":[{\"occupation\":\"4-02-07-10\",\"workers\":-5}],"
                + "\"workersByRegion\":[{\"regionCode\":\"CD\",\"workers\":-5}],\"newFormWorkers\":0,"
                + "\"occupationalInjuries\":0,\"complaintsReceived\":0}";
        String otherPlatform = register(chengdu, TestValues.newUscc("91510100"), "Chengdu Ride Platform", true);
        assertThatThrownBy(() -> net.gateway("chengdu", "bureau", "chengdu").submit(ReportTransactions.CONTRACT,
                ReportTransactions.FILE_REPORT, otherPlatform, raw))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_INPUT");
                    assertThat(e.getMessage()).contains("workersByOccupation[0].workers is -5; it cannot be negative");
                });
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + otherPlatform + "/reports").body()).isEmpty();
        refusals.add("negative count (contract)");

        String unknown = TestValues.newUscc("91510100");
        Answer none = services.post(chengdu, "/api/v1/enterprises/" + unknown + "/reports",
                report(period.toString(), 8, 2, 7, 9, 0, 0));
        assertThat(none.status()).as(none.toString()).isEqualTo(404);
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + unknown).status()).as("still unknown").isEqualTo(404);
        refusals.add("unknown enterprise");

        Answer notPlatform = services.post(chengdu, "/api/v1/enterprises/" + cdOther + "/reports",
                report(period.toString(), 8, 2, 7, 9, 0, 0));
        assertThat(notPlatform.status()).as(notPlatform.toString()).isEqualTo(409);
        assertThat(notPlatform.body().path("detail").asText()).contains("only a platform enterprise");
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + cdOther + "/reports").body()).isEmpty();
        refusals.add("non-platform enterprise");

        LocalDate today = LocalDate.now(CHINA);
        String thisQuarter = new ReportPeriod(today.getYear(), (today.getMonthValue() + 2) / 3).toString();
        Answer early = services.post(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports",
                report(thisQuarter, 8, 2, 7, 9, 0, 0));
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.body().path("code").asText()).isEqualTo("CONFLICT");
        refusals.add("quarter not ended");

        Answer notTheirs = services.post(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports",
                report(period.toString(), 8, 2, 7, 9, 0, 0));
        assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(403);
        assertThat(notTheirs.body().path("detail").asText()).contains("registered in region CD");
        Answer notTheirsToCorrect = services.put(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period,
                counts(8, 2, 7, 9, 0, 0).put("reasonCode", "DATA_ERROR").put("reason", "Chongqing's own count"));
        assertThat(notTheirsToCorrect.status()).as(notTheirsToCorrect.toString()).isEqualTo(403);
        refusals.add("the other region's bureau");

        assertThat(state(chengdu, cdPlatform)).as("after %s", refusals).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aCorrectionSupersedesTheReportChangesTheTotalsAndTheHistoryKeepsBothVersions() throws Exception {
        JsonNode totalsBefore = services.get(chongqing, "/api/v1/reports/totals?period=" + period).body();
        Answer corrected = services.put(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period,
                counts(850, 200, 740, 960, 4, 11).put("reasonCode", "LATE_RECORDS")
                        .put("reason", "contracts of 50 riders arrived after filing"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        JsonNode v2 = corrected.body();
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("supersedes").asInt()).isEqualTo(1);
        assertThat(v2.path("totalWorkers").asLong()).isEqualTo(1050);
        assertThat(v2.path("reasonCode").asText()).isEqualTo("LATE_RECORDS");
        assertThat(v2.path("firstFiledAt").asText()).isEqualTo(filed.path("firstFiledAt").asText());
        assertThat(v2.path("late").asBoolean()).isTrue();

        Answer current = eventually(() -> services.get(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period),
                r -> r.body().path("version").asInt() == 2);
        assertThat(current.body()).as("the version in force, through Chongqing").isEqualTo(v2);
        Answer history = services.get(chongqing, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period + "/history");
        assertThat(history.body()).as("both versions, the first as filed").containsExactly(filed, v2);

        JsonNode totalsAfter = services.get(chongqing, "/api/v1/reports/totals?period=" + period).body();
        assertThat(totalsAfter.path("all").path("totalWorkers").asLong())
                .isEqualTo(totalsBefore.path("all").path("totalWorkers").asLong() + 50);
        assertThat(totalsAfter.path("all").path("newFormWorkers").asLong())
                .isEqualTo(totalsBefore.path("all").path("newFormWorkers").asLong() + 60);
        assertThat(totalsAfter.path("all").path("occupationalInjuries").asLong())
                .isEqualTo(totalsBefore.path("all").path("occupationalInjuries").asLong() + 1);
        assertThat(totalsAfter.path("all").path("reports").asLong()).as("still one report of this platform")
                .isEqualTo(totalsBefore.path("all").path("reports").asLong());

        // Chongqing's service heard of the correction from its own peer's events: information, no action asked.
        JsonNode item = inboxItem(chongqing, "PlatformReportCorrected", v2.path("txId").asText());
        assertThat(item.path("needsAction").asBoolean()).isFalse();
        assertThat(item.path("payload").path("version").asInt()).isEqualTo(2);
        assertThat(item.path("payload").path("totalWorkers").asLong()).isEqualTo(1050);
        assertThat(item.path("payload").path("uscc").asText()).isEqualTo(cdPlatform);

        Answer same = services.put(chengdu, "/api/v1/enterprises/" + cdPlatform + "/reports/" + period,
                counts(850, 200, 740, 960, 4, 11).put("reasonCode", "OTHER").put("reason", "no change"));
        assertThat(same.status()).as("a correction that changes nothing: %s", same).isEqualTo(409);
    }

    @Test
    @Order(4)
    void bothRegionsReadTheSameLateList() throws Exception {
        Answer cq = services.post(chongqing, "/api/v1/enterprises/" + cqPlatform + "/reports",
                report(period.toString(), 40, 10, 5, 45, 0, 2));
        assertThat(cq.status()).as(cq.toString()).isEqualTo(201);
        String unreported = register(chongqing, TestValues.newUscc("91500000"), "Chongqing New Platform", true);

        Answer inChengdu = eventually(() -> services.get(chengdu, "/api/v1/reports/late?period=" + period),
                r -> r.body().findValuesAsText("uscc").contains(cqPlatform));
        Answer inChongqing = eventually(() -> services.get(chongqing, "/api/v1/reports/late?period=" + period),
                r -> r.body().findValuesAsText("uscc").contains(cdPlatform));
        assertThat(inChengdu.status()).isEqualTo(200);
        assertThat(inChongqing.body()).as("one list for both regions").isEqualTo(inChengdu.body());
        for (String uscc : List.of(cdPlatform, cqPlatform)) {
            JsonNode entry = null;
            for (JsonNode e : inChengdu.body()) {
                if (e.path("uscc").asText().equals(uscc)) {
                    entry = e;
                }
            }
            assertThat(entry).as("%s in the late list", uscc).isNotNull();
            assertThat(entry.path("status").asText()).isEqualTo("FILED_LATE");
            assertThat(entry.path("dueOn").asText()).isEqualTo(period.dueOn().toString());
            assertThat(entry.path("daysLate").asLong()).isPositive();
        }
        assertThat(inChengdu.body().findValuesAsText("uscc")).as("registered after the quarter: owed no report")
                .doesNotContain(unreported, cdOther);
        Answer badPeriod = services.get(chongqing, "/api/v1/reports/late?period=" + period.year() + "-H1");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.body().path("field").asText()).isEqualTo("period");
    }
}
