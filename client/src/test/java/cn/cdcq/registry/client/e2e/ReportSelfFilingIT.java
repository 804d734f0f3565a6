package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.ReportPeriod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform enterprise files its own report (issue 15 item 2, docs/reports.md) on the real
 * two-region network, through the regional services' REST API: Chengdu's administrator creates an
 * ENTERPRISE account with the platform's USCC (registered and enrolled at Chengdu's Fabric CA with
 * {@code role=enterprise} and {@code uscc}); with Chengdu's self-filing switch off the account's
 * filing is refused by the ledger and nothing is written; Chongqing's bureau may not set Chengdu's
 * switch; once Chengdu's bureau turns it on, the account files, and the report says who filed it;
 * it corrects its report; another enterprise's report, and an account of Chongqing's CA for the
 * Chengdu platform, are refused; switched off again, its correction is refused. Fresh enterprises
 * and accounts each run; both regions' switches are left off at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportSelfFilingIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String SITE = Long.toString(new SecureRandom().nextLong() & 0xffffffffL, 36);

    private E2eServices services;
    private Service chengdu;
    private Service chongqing;
    private String platform;
    private String otherPlatform;
    private Service platformAccount;
    private String platformAccountName;
    /** A quarter that has ended. */
    private ReportPeriod period;

    @BeforeAll
    void services() throws Exception {
        services = new E2eServices();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap.out()).isZero();
        LocalDate today = LocalDate.now(CHINA);
        ReportPeriod current = new ReportPeriod(today.getYear(), (today.getMonthValue() + 2) / 3);
        period = current.quarter() == 1 ? new ReportPeriod(current.year() - 1, 4)
                : new ReportPeriod(current.year(), current.quarter() - 1);
        platform = register(chengdu, TestValues.newUscc("91510100"), "Chengdu Self-Filing Platform");
        otherPlatform = register(chengdu, TestValues.newUscc("91510100"), "Chengdu Other Platform");
        platformAccountName = "sf-platform-" + SITE;
        platformAccount = services.createAccount(chengdu, platformAccountName, "ENTERPRISE", "uscc", platform);
    }

    @AfterAll
    void switchesOff() {
        if (services != null) {
            services.put(chengdu, "/api/v1/reports/self-filing/CD", Json.mapper().createObjectNode().put("allowed", false));
            services.put(chongqing, "/api/v1/reports/self-filing/CQ", Json.mapper().createObjectNode().put("allowed", false));
        }
    }

    private String register(Service bureau, String uscc, String name) {
        Answer a = services.post(bureau, "/api/v1/enterprises", Json.mapper().createObjectNode().put("uscc", uscc)
                .put("name", name + " " + uscc.substring(10)).put("platform", true));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return uscc;
    }

    private ObjectNode report(long riders, long inCd) {
        ObjectNode body = Json.mapper().createObjectNode().put("period", period.toString());
        body.putArray("workersByOccupation")
                .add(Json.mapper().createObjectNode().put("occupation", "4-02-07-10").put("workers", riders));
        body.putArray("workersByRegion")
                .add(Json.mapper().createObjectNode().put("regionCode", "CD").put("workers", inCd))
                .add(Json.mapper().createObjectNode().put("regionCode", "CQ").put("workers", riders - inCd));
        return body.put("newFormWorkers", riders).put("occupationalInjuries", 0).put("complaintsReceived", 1);
    }

    private ObjectNode correction(long riders, long inCd, String reason) {
        ObjectNode body = report(riders, inCd);
        body.remove("period");
        return body.put("reasonCode", "LATE_RECORDS").put("reason", reason);
    }

    private Answer setSwitch(Service bureau, String region, boolean allowed) {
        return services.put(bureau, "/api/v1/reports/self-filing/" + region,
                Json.mapper().createObjectNode().put("allowed", allowed));
    }

    private static Answer eventually(Supplier<Answer> ask, Predicate<Answer> until) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer a = ask.get();
        while (!until.test(a) && System.nanoTime() < end) {
            Thread.sleep(250);
            a = ask.get();
        }
        return a;
    }

    @Test
    @Order(1)
    void withTheSwitchOffTheEnterprisesOwnFilingIsRefusedAndNothingIsWritten() {
        Answer off = setSwitch(chengdu, "CD", false);
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.body().path("allowed").asBoolean()).isFalse();

        Answer refused = services.post(platformAccount, "/api/v1/enterprises/" + platform + "/reports", report(10, 6));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(refused.body().path("detail").asText()).contains("does not let enterprises file their own reports");
        Answer none = services.get(chengdu, "/api/v1/enterprises/" + platform + "/reports");
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
    }

    @Test
    @Order(2)
    void onlyChengdusBureauSetsChengdusSwitch() {
        Answer refused = setSwitch(chongqing, "CD", true);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
        Answer byEnterprise = setSwitch(platformAccount, "CD", true);
        assertThat(byEnterprise.status()).as(byEnterprise.toString()).isEqualTo(403);
        Answer read = services.get(chongqing, "/api/v1/reports/self-filing/CD");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("allowed").asBoolean()).as("Chengdu's switch, read in Chongqing").isFalse();
    }

    @Test
    @Order(3)
    void withTheSwitchOnTheEnterpriseFilesAndCorrectsItsOwnReport() throws Exception {
        Answer on = setSwitch(chengdu, "CD", true);
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.body().path("allowed").asBoolean()).isTrue();
        assertThat(on.body().path("setBy").asText()).isEqualTo("ChengduMSP/" + chengdu.user());
        assertThat(services.get(platformAccount, "/api/v1/reports/self-filing/CD").body().path("allowed").asBoolean())
                .isTrue();

        Answer filed = services.post(platformAccount, "/api/v1/enterprises/" + platform + "/reports", report(10, 6));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.body().path("version").asInt()).isEqualTo(1);
        assertThat(filed.body().path("filedBy").asText()).isEqualTo("ChengduMSP/" + platformAccountName);
        Answer read = eventually(() -> services.get(chongqing, "/api/v1/enterprises/" + platform + "/reports/" + period),
                r -> r.status() == 200);
        assertThat(read.body()).as("read through Chongqing's service and peer").isEqualTo(filed.body());

        Answer corrected = services.put(platformAccount, "/api/v1/enterprises/" + platform + "/reports/" + period,
                correction(12, 8, "two riders' contracts arrived late"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().path("version").asInt()).isEqualTo(2);
        assertThat(corrected.body().path("filedBy").asText()).isEqualTo("ChengduMSP/" + platformAccountName);
        JsonNode history = services.get(platformAccount, "/api/v1/enterprises/" + platform + "/reports/" + period
                + "/history").body();
        assertThat(history.findValuesAsText("version")).containsExactly("1", "2");
    }

    @Test
    @Order(4)
    void anotherEnterprisesReportAndAnAccountOfTheOtherRegionAreRefused() throws Exception {
        Answer other = services.post(platformAccount, "/api/v1/enterprises/" + otherPlatform + "/reports", report(5, 5));
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        assertThat(other.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + otherPlatform + "/reports").body()).isEmpty();

        // An account of Chongqing's CA carrying the Chengdu platform's USCC, Chongqing's switch on.
        assertThat(setSwitch(chongqing, "CQ", true).status()).isEqualTo(200);
        Service inChongqing = services.createAccount(chongqing, "sf-cd-in-cq-" + SITE, "ENTERPRISE", "uscc", platform);
        Answer refused = services.post(inChongqing, "/api/v1/enterprises/" + otherPlatform + "/reports", report(5, 5));
        assertThat(refused.status()).as("another USCC, refused by the service: %s", refused).isEqualTo(403);
        Answer byLedger = services.put(inChongqing, "/api/v1/enterprises/" + platform + "/reports/" + period,
                correction(13, 8, "one more rider"));
        assertThat(byLedger.status()).as(byLedger.toString()).isEqualTo(403);
        assertThat(byLedger.body().path("detail").asText()).contains("registered in region CD");
        assertThat(setSwitch(chongqing, "CQ", false).status()).isEqualTo(200);

        Answer notMine = services.post(platformAccount, "/api/v1/enterprises", Json.mapper().createObjectNode()
                .put("uscc", TestValues.newUscc("91510100")).put("name", "Not Registered By An Enterprise")
                .put("platform", true));
        assertThat(notMine.status()).as("an enterprise account registers no enterprise: %s", notMine).isEqualTo(403);
        assertThat(services.get(platformAccount, "/api/v1/reports/totals?period=" + period).status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void switchedOffAgainTheEnterprisesCorrectionIsRefusedAndTheBureauStillCorrects() {
        assertThat(setSwitch(chengdu, "CD", false).status()).isEqualTo(200);
        Answer refused = services.put(platformAccount, "/api/v1/enterprises/" + platform + "/reports/" + period,
                correction(14, 8, "after the switch went off"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body().path("detail").asText()).contains("does not let enterprises correct");

        Answer byBureau = services.put(chengdu, "/api/v1/enterprises/" + platform + "/reports/" + period,
                correction(14, 8, "the bureau corrects it"));
        assertThat(byBureau.status()).as(byBureau.toString()).isEqualTo(200);
        assertThat(byBureau.body().path("version").asInt()).isEqualTo(3);
        assertThat(byBureau.body().path("filedBy").asText()).isEqualTo("ChengduMSP/" + chengdu.user());
    }
}
