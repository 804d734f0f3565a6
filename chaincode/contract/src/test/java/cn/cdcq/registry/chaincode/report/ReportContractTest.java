package cn.cdcq.registry.chaincode.report;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PeriodTotals;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.report.ReportWorld.CD_PLATFORM;
import static cn.cdcq.registry.chaincode.report.ReportWorld.CQ_PLATFORM;
import static cn.cdcq.registry.chaincode.report.ReportWorld.json;
import static cn.cdcq.registry.chaincode.report.ReportWorld.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Platform employment reports on the in-memory network of both regions: filing by the registering
 * region's bureau only, one report per enterprise and quarter, corrections as new versions with
 * their history, the due date from the transaction's time, and the late list of both regions.
 * Every refusal leaves world state as it was.
 */
class ReportContractTest {

    /** Platforms registered in Q3 2026 (so they owe its report); the clock then moves as each test needs. */
    private final ReportWorld w = new ReportWorld(Instant.parse("2026-07-01T02:00:00Z"));
    private final CreditFixture f = w.f;

    private void at(String instant) {
        f.network.setClock(Instant.parse(instant));
    }

    private List<LateReport> late(String period) {
        return Json.readList(f.network.<String>evaluate(f.cqBureau, ctx -> w.reports.listLate(ctx, period)), LateReport.class);
    }

    private PeriodTotals totals(String period) {
        return Json.read(f.network.<String>evaluate(f.cdInspector, ctx -> w.reports.getPeriodTotals(ctx, period)),
                PeriodTotals.class);
    }

    @Nested
    class Filing {

        @Test
        void theRegisteringBureauFilesAQuarterThatHasEndedAndEveryRegionReadsIt() {
            at("2026-10-10T02:00:00Z");
            String report = json("2026-Q3", Map.of("4-02-07-10", 900L, "4-02-06-03", 100L), Map.of("CD", 700L, "CQ", 300L),
                    850, 3, 12);
            PlatformReport filed = w.file(f.cdBureau, CD_PLATFORM, report);
            assertThat(filed.version()).isEqualTo(1);
            assertThat(filed.supersedes()).isNull();
            assertThat(filed.regionCode()).isEqualTo("CD");
            assertThat(filed.totalWorkers()).isEqualTo(1000);
            assertThat(filed.newFormWorkers()).isEqualTo(850);
            assertThat(filed.occupationalInjuries()).isEqualTo(3);
            assertThat(filed.complaintsReceived()).isEqualTo(12);
            assertThat(filed.workersByOccupation()).extracting(PlatformReportInput.OccupationCount::occupation)
                    .as("sorted by code").containsExactly("4-02-06-03", "4-02-07-10");
            assertThat(filed.dueOn()).isEqualTo("2026-10-15");
            assertThat(filed.late()).isFalse();
            assertThat(filed.firstFiledAt()).isEqualTo(filed.filedAt()).isEqualTo("2026-10-10T02:00:00.000Z");
            assertThat(filed.filedBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
            assertThat(filed.reasonCode()).isNull();
            assertThat(w.current(CD_PLATFORM, "2026-Q3")).as("read by Chongqing's inspector").isEqualTo(filed);

            EmittedEvent event = f.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("PlatformReportFiled");
            assertThat(new String(event.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"late\":false,\"period\":\"2026-Q3\","
                    + "\"regionCode\":\"CD\",\"totalWorkers\":1000,\"uscc\":\"" + CD_PLATFORM + "\",\"version\":1}");
        }

        @Test
        void aReportFiledAfterTheDueDateIsLate() {
            at("2026-10-15T15:59:00Z"); // 23:59 in China on the due date: on time
            assertThat(w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 10, 0)).late()).isFalse();
            at("2026-10-15T16:01:00Z"); // 00:01 on 16 October in China
            assertThat(w.file(f.cqBureau, CQ_PLATFORM, simple("2026-Q3", 0, 10)).late()).isTrue();
        }

        @Test
        void aSecondReportForTheSamePeriodIsRefusedAndNothingChanges() {
            at("2026-10-10T02:00:00Z");
            w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 10, 5));
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 11, 5)));
            assertThat(w.current(CD_PLATFORM, "2026-Q3").totalWorkers()).isEqualTo(15);
            assertThat(w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q2", 11, 5)).version())
                    .as("another quarter is another report").isEqualTo(1);
        }

        @Test
        void negativeOrImpossibleCountsAreRefusedAndNothingIsWritten() {
            at("2026-10-10T02:00:00Z");
            List<String> bad = List.of(
                    json("2026-Q3", Map.of("4-02-07-10", -1L), Map.of("CD", -1L), 0, 0, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), -1, 0, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 0, -2, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 0, 0, -3),
                    json("2026-Q3", Map.of("4-02-07-10", 10_000_001L), Map.of("CD", 10_000_001L), 0, 0, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 4L), 0, 0, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 6, 0, 0),
                    json("2026-Q3", Map.of("4-02-07", 5L), Map.of("CD", 5L), 0, 0, 0),
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("Chengdu", 5L), 0, 0, 0),
                    json("2026-Q5", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 0, 0, 0),
                    json("2026-3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 0, 0, 0),
                    "{\"period\":\"2026-Q3\",\"workersByOccupation\":[{\"occupation\":\"4-02-07-10\",\"workers\":2},"
                            + "{\"occupation\":\"4-02-07-10\",\"workers\":3}],\"workersByRegion\":[{\"regionCode\":\"CD\","
                            + "\"workers\":5}],\"newFormWorkers\":0,\"occupationalInjuries\":0,\"complaintsReceived\":0}",
                    "{\"period\":\"2026-Q3\",\"workersByOccupation\":[],\"newFormWorkers\":0,\"occupationalInjuries\":0,"
                            + "\"complaintsReceived\":0}",
                    "{\"period\":\"2026-Q3\",\"workersByOccupation\":[],\"workersByRegion\":[],\"newFormWorkers\":0,"
                            + "\"occupationalInjuries\":0,\"complaintsReceived\":0,\"workerNames\":[\"Zhang San\"]}",
                    "{\"period\":\"2026-Q3\",\"workersByOccupation\":[],\"workersByRegion\":[],\"newFormWorkers\":0.5,"
                            + "\"occupationalInjuries\":0,\"complaintsReceived\":0}");
            for (String report : bad) {
                f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.file(f.cdBureau, CD_PLATFORM, report));
            }
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.current(CD_PLATFORM, "2026-Q3"));
        }

        @Test
        void theRefusalSaysWhichCountIsWrong() {
            at("2026-10-10T02:00:00Z");
            String report = json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("CD", 5L), 0, -2, 0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.file(f.cdBureau, CD_PLATFORM, report))
                    .hasMessageContaining("occupationalInjuries is -2; it cannot be negative");
        }

        @Test
        void aRegionOfWorkThatIsNotRegisteredIsRefused() {
            at("2026-10-10T02:00:00Z");
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.file(f.cdBureau, CD_PLATFORM,
                    json("2026-Q3", Map.of("4-02-07-10", 5L), Map.of("SC", 5L), 0, 0, 0)));
        }

        @Test
        void anUnknownOrNonPlatformEnterpriseIsRefused() {
            at("2026-10-10T02:00:00Z");
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.file(f.cdBureau, CreditFixture.uscc("91510100MA6100099"),
                    simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.file(f.cqBureau, CreditFixture.uscc("91500000MA5U00099"),
                    simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.CONFLICT, () -> w.file(f.cdBureau, CreditFixture.CD_FIRM, simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.file(f.cdBureau, "not a USCC", simple("2026-Q3", 5, 0)));
        }

        @Test
        void onlyTheBureauOfTheRegisteringRegionFiles() {
            at("2026-10-10T02:00:00Z");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(f.cqBureau, CD_PLATFORM, simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(f.cdInspector, CD_PLATFORM, simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(f.cdCenter, CD_PLATFORM, simple("2026-Q3", 5, 0)));
        }

        @Test
        void aQuarterThatHasNotEndedCannotBeReported() {
            at("2026-09-30T15:00:00Z"); // 23:00 on its last day in China
            f.assertRefused(ErrorCode.CONFLICT, () -> w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 5, 0)));
            f.assertRefused(ErrorCode.CONFLICT, () -> w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q4", 5, 0)));
            at("2026-09-30T16:00:00Z"); // midnight in China: the quarter has ended
            assertThat(w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 5, 0)).version()).isEqualTo(1);
        }

        @Test
        void noWorkersIsAReportToo() {
            at("2026-10-10T02:00:00Z");
            PlatformReport none = w.file(f.cdBureau, CD_PLATFORM, json("2026-Q3", Map.of(), Map.of(), 0, 0, 1));
            assertThat(none.totalWorkers()).isZero();
            assertThat(none.complaintsReceived()).isEqualTo(1);
        }
    }

    @Nested
    class Corrections {

        @Test
        void aCorrectionSupersedesTheReportChangesTheTotalsAndTheHistoryKeepsBothVersions() {
            at("2026-10-20T02:00:00Z");
            PlatformReport first = w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 30, 10));
            w.file(f.cqBureau, CQ_PLATFORM, simple("2026-Q3", 0, 7));
            PeriodTotals before = totals("2026-Q3");
            assertThat(before.all().totalWorkers()).isEqualTo(47);
            assertThat(before.all().reports()).isEqualTo(2);

            at("2026-11-02T03:00:00Z");
            PlatformReport second = w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 35, 10), "LATE_RECORDS",
                    "five riders' contracts arrived after filing");
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.supersedes()).isEqualTo(1);
            assertThat(second.totalWorkers()).isEqualTo(45);
            assertThat(second.newFormWorkers()).isEqualTo(35);
            assertThat(second.filedAt()).isEqualTo("2026-11-02T03:00:00.000Z");
            assertThat(second.reasonCode()).isEqualTo("LATE_RECORDS");
            assertThat(second.reason()).isEqualTo("five riders' contracts arrived after filing");
            assertThat(second.firstFiledAt()).as("a correction keeps when the report was first filed")
                    .isEqualTo(first.firstFiledAt());
            assertThat(second.late()).as("and whether it was late").isTrue();
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo("PlatformReportCorrected");

            assertThat(w.current(CD_PLATFORM, "2026-Q3")).isEqualTo(second);
            assertThat(w.history(CD_PLATFORM, "2026-Q3")).containsExactly(first, second);
            PeriodTotals after = totals("2026-Q3");
            assertThat(after.all().totalWorkers()).as("the totals count the version in force").isEqualTo(52);
            assertThat(after.all().reports()).isEqualTo(2);
            assertThat(after.regions()).extracting(PeriodTotals.Totals::regionCode, PeriodTotals.Totals::totalWorkers)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CD", 45L), org.assertj.core.groups.Tuple.tuple("CQ", 7L));

            PlatformReport third = w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 35, 11), "RECLASSIFIED", "one moved");
            assertThat(third.version()).isEqualTo(3);
            assertThat(w.history(CD_PLATFORM, "2026-Q3")).extracting(PlatformReport::version).containsExactly(1, 2, 3);
            assertThat(Json.readList(f.network.<String>evaluate(f.cqBureau, ctx -> w.reports.listReports(ctx, CD_PLATFORM)),
                    PlatformReport.class)).containsExactly(third);
        }

        @Test
        void aBadCorrectionIsRefusedAndTheReportInForceStays() {
            at("2026-10-10T02:00:00Z");
            PlatformReport filed = w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 30, 10));
            f.assertRefused(ErrorCode.CONFLICT, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 30, 10),
                    "DATA_ERROR", "the same counts"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(f.cdBureau, CD_PLATFORM,
                    json("2026-Q3", Map.of("4-02-07-10", -40L), Map.of("CD", -40L), 0, 0, 0), "DATA_ERROR", "negative"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 31, 10),
                    "TYPO", "not a reason code"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 31, 10),
                    "DATA_ERROR", " "));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 31, 10),
                    "DATA_ERROR", "the rider at 139 1234 5678 was missing"));
            String id = "11010519900307123" + cn.cdcq.registry.common.format.ResidentIdNumber.checkCharacter("11010519900307123");
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 31, 10),
                    "DATA_ERROR", "rider " + id + " was missing"));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q2", 31, 10),
                    "DATA_ERROR", "never filed"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.correct(f.cqBureau, CD_PLATFORM, simple("2026-Q3", 31, 10),
                    "DATA_ERROR", "Chongqing's count"));
            assertThat(w.history(CD_PLATFORM, "2026-Q3")).containsExactly(filed);
        }

        @Test
        void readsOfAReportNeverFiledAreNotFound() {
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.current(CD_PLATFORM, "2026-Q3"));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.history(CD_PLATFORM, "2026-Q3"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.current(CD_PLATFORM, "Q3-2026"));
        }
    }

    @Nested
    class OwnAccount {

        private cn.cdcq.registry.chaincode.testing.TestIdentity cdPlatform() {
            return w.cdPlatformAccount;
        }

        @Test
        void theSwitchIsOffUntilTheRegionsBureauTurnsItOnAndEveryRevisionIsKept() {
            assertThat(w.selfFiling("CD")).isEqualTo(cn.cdcq.registry.common.report.SelfFiling.off("CD"));
            at("2026-10-01T02:00:00Z");
            var on = w.setSelfFiling(f.cdBureau, "CD", true);
            assertThat(on.allowed()).isTrue();
            assertThat(on.revision()).isEqualTo(1);
            assertThat(on.setAt()).isEqualTo("2026-10-01T02:00:00.000Z");
            assertThat(on.setBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
            EmittedEvent event = f.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("SelfFilingSet");
            assertThat(new String(event.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"allowed\":true,\"regionCode\":\"CD\",\"revision\":1}");
            assertThat(w.selfFiling("CD")).isEqualTo(on);
            assertThat(w.selfFiling("CQ").allowed()).as("Chongqing's switch is its own").isFalse();

            var off = w.setSelfFiling(f.cdBureau, "CD", false);
            assertThat(off.revision()).isEqualTo(2);
            assertThat(w.selfFiling("CD").allowed()).isFalse();
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.selfFiling("SC"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.selfFiling("Chengdu"));
        }

        @Test
        void onlyTheRegionsOwnBureauSetsItsSwitch() {
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.setSelfFiling(f.cqBureau, "CD", true));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.setSelfFiling(f.cdInspector, "CD", true));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.setSelfFiling(f.cdCenter, "CD", true));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.setSelfFiling(cdPlatform(), "CD", true));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.setSelfFiling(w.cqPlatformAccount, "CQ", true));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> w.reports.setSelfFiling(ctx, "CD", "yes")));
            assertThatThrownBy(() -> w.setSelfFiling(f.cqBureau, "CD", true))
                    .hasMessageContaining("only CD's bureau sets it, not CQ");
            assertThat(w.selfFiling("CD").revision()).isZero();
            assertThat(w.setSelfFiling(f.cqBureau, "CQ", true).allowed()).as("Chongqing sets its own").isTrue();
            assertThat(w.selfFiling("CD").allowed()).isFalse();
        }

        @Test
        void theEnterpriseFilesItsOwnReportWhileTheSwitchIsOn() {
            w.setSelfFiling(f.cdBureau, "CD", true);
            at("2026-10-10T02:00:00Z");
            PlatformReport filed = w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5));
            assertThat(filed.version()).isEqualTo(1);
            assertThat(filed.regionCode()).isEqualTo("CD");
            assertThat(filed.filedBy()).as("who filed it").isEqualTo(CreditFixture.CD_MSP + "/cd-platform");
            assertThat(filed.late()).isFalse();
            assertThat(w.current(CD_PLATFORM, "2026-Q3")).isEqualTo(filed);
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo("PlatformReportFiled");
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 21, 5)));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.file(cdPlatform(), CD_PLATFORM,
                    json("2026-Q2", Map.of("4-02-07-10", 5L), Map.of("CD", 4L), 0, 0, 0)));
            f.assertRefused(ErrorCode.CONFLICT, () -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q4", 5, 0)));
        }

        @Test
        void withTheSwitchOffTheEnterpriseIsRefusedAndNothingIsWritten() {
            at("2026-10-10T02:00:00Z");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5)));
            assertThatThrownBy(() -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5)))
                    .hasMessageContaining("region CD does not let enterprises file their own reports");
            w.setSelfFiling(f.cdBureau, "CD", true);
            w.setSelfFiling(f.cdBureau, "CD", false);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5)));
            w.setSelfFiling(f.cqBureau, "CQ", true);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5)));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.current(CD_PLATFORM, "2026-Q3"));
        }

        @Test
        void anEnterpriseAccountFilesForNoOtherEnterprise() {
            w.setSelfFiling(f.cdBureau, "CD", true);
            at("2026-10-10T02:00:00Z");
            String another = ReportWorld.registerPlatform(f, f.cdBureau, CreditFixture.uscc("91510100MA6100031"),
                    "Another Chengdu Platform Co.").uscc();
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(cdPlatform(), another, simple("2026-Q3", 20, 5)));
            assertThatThrownBy(() -> w.file(cdPlatform(), another, simple("2026-Q3", 20, 5)))
                    .hasMessageContaining("may file only its own reports, not those of " + another);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(cdPlatform(), CreditFixture.uscc("91510100MA6100099"),
                    simple("2026-Q3", 20, 5)));
            var noUscc = cn.cdcq.registry.chaincode.testing.TestIdentities.user(CreditFixture.CD_MSP, "cd-no-uscc",
                    Map.of("role", "enterprise"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(noUscc, CD_PLATFORM, simple("2026-Q3", 20, 5)));
            var badUscc = ReportWorld.enterpriseAccount(CreditFixture.CD_MSP, "cd-bad-uscc", "not a USCC");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(badUscc, CD_PLATFORM, simple("2026-Q3", 20, 5)));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.current(CD_PLATFORM, "2026-Q3"));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> w.current(another, "2026-Q3"));
        }

        @Test
        void anEnterpriseAccountOfTheOtherRegionsOrganizationIsRefused() {
            w.setSelfFiling(f.cdBureau, "CD", true);
            w.setSelfFiling(f.cqBureau, "CQ", true);
            at("2026-10-10T02:00:00Z");
            // Chengdu's platform, but an account issued by Chongqing's CA.
            var inChongqing = ReportWorld.enterpriseAccount(CreditFixture.CQ_MSP, "cd-platform-in-cq", CD_PLATFORM);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.file(inChongqing, CD_PLATFORM, simple("2026-Q3", 20, 5)));
            assertThatThrownBy(() -> w.file(inChongqing, CD_PLATFORM, simple("2026-Q3", 20, 5)))
                    .hasMessageContaining("registered in region CD; only that region's organization's enterprise accounts");
            w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 20, 5));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.correct(inChongqing, CD_PLATFORM, simple("2026-Q3", 21, 5),
                    "DATA_ERROR", "one more rider"));
            assertThat(w.history(CD_PLATFORM, "2026-Q3")).hasSize(1);
        }

        @Test
        void theBureauStillFilesWhateverTheSwitchAndTheEnterpriseCorrectsItsReport() {
            at("2026-10-10T02:00:00Z");
            PlatformReport byBureau = w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 20, 5));
            assertThat(byBureau.filedBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.correct(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 21, 5),
                    "LATE_RECORDS", "one rider's contract arrived late"));
            assertThatThrownBy(() -> w.correct(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 21, 5), "LATE_RECORDS",
                    "one rider's contract arrived late")).hasMessageContaining("does not let enterprises correct");

            w.setSelfFiling(f.cdBureau, "CD", true);
            at("2026-10-20T02:00:00Z");
            PlatformReport corrected = w.correct(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 21, 5), "LATE_RECORDS",
                    "one rider's contract arrived late");
            assertThat(corrected.version()).isEqualTo(2);
            assertThat(corrected.supersedes()).isEqualTo(1);
            assertThat(corrected.filedBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-platform");
            assertThat(corrected.late()).as("first filed on time").isFalse();
            assertThat(corrected.firstFiledAt()).isEqualTo(byBureau.firstFiledAt());
            f.assertRefused(ErrorCode.CONFLICT, () -> w.correct(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 21, 5),
                    "DATA_ERROR", "the same counts"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> w.correct(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 22, 5),
                    "DATA_ERROR", "rider at 139 1234 5678"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> w.correct(w.cqPlatformAccount, CD_PLATFORM,
                    simple("2026-Q3", 22, 5), "DATA_ERROR", "not Chongqing's platform"));
            PlatformReport again = w.correct(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 22, 5), "DATA_ERROR",
                    "the bureau corrects it too");
            assertThat(again.version()).isEqualTo(3);
            assertThat(w.history(CD_PLATFORM, "2026-Q3")).extracting(PlatformReport::filedBy).containsExactly(
                    CreditFixture.CD_MSP + "/cd-bureau", CreditFixture.CD_MSP + "/cd-platform",
                    CreditFixture.CD_MSP + "/cd-bureau");
        }

        @Test
        void anEnterpriseAccountIsRefusedByTheOtherWritesOfTheContractAndReadsReports() {
            w.setSelfFiling(f.cdBureau, "CD", true);
            at("2026-10-10T02:00:00Z");
            w.file(cdPlatform(), CD_PLATFORM, simple("2026-Q3", 20, 5));
            assertThat(Json.readList(f.network.<String>evaluate(cdPlatform(), ctx -> w.reports.listReports(ctx,
                    CQ_PLATFORM)), PlatformReport.class)).isEmpty();
            assertThat(Json.readList(f.network.<String>evaluate(cdPlatform(), ctx -> w.reports.listLate(ctx, "2026-Q3")),
                    LateReport.class)).isEmpty();
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(cdPlatform(),
                    ctx -> f.enterprises.registerEnterprise(ctx, CreditFixture.uscc("91510100MA6100041"), "Mine Co.",
                            "true", "")));
        }
    }

    @Nested
    class LateList {

        @Test
        void bothRegionsSeeMissingAndLateReportsOfEveryRegionOnceTheDueDateHasPassed() {
            at("2026-10-14T02:00:00Z");
            w.file(f.cdBureau, CD_PLATFORM, simple("2026-Q3", 5, 0));
            assertThat(late("2026-Q3")).as("before the due date nothing is late").isEmpty();
            // A platform registered after the quarter ended owes no report for it.
            ReportWorld.registerPlatform(f, f.cqBureau, CreditFixture.uscc("91500000MA5U00031"), "New Platform Co.");

            at("2026-10-20T02:00:00Z");
            List<LateReport> missing = late("2026-Q3");
            assertThat(missing).singleElement().satisfies(l -> {
                assertThat(l.uscc()).isEqualTo(CQ_PLATFORM);
                assertThat(l.regionCode()).isEqualTo("CQ");
                assertThat(l.status()).isEqualTo(LateReport.Status.MISSING);
                assertThat(l.dueOn()).isEqualTo("2026-10-15");
                assertThat(l.daysLate()).isEqualTo(5);
                assertThat(l.filedAt()).isNull();
            });

            w.file(f.cqBureau, CQ_PLATFORM, simple("2026-Q3", 0, 9));
            List<LateReport> filedLate = Json.readList(f.network.<String>evaluate(f.cdBureau,
                    ctx -> w.reports.listLate(ctx, "2026-Q3")), LateReport.class);
            assertThat(filedLate).as("read by Chengdu").singleElement().satisfies(l -> {
                assertThat(l.uscc()).isEqualTo(CQ_PLATFORM);
                assertThat(l.status()).isEqualTo(LateReport.Status.FILED_LATE);
                assertThat(l.filedAt()).isEqualTo("2026-10-20T02:00:01.000Z");
                assertThat(l.daysLate()).isEqualTo(5);
            });
            assertThat(late("2026-Q3")).as("the same for Chongqing").isEqualTo(filedLate);
        }

        @Test
        void anEnterpriseThatWasNotAPlatformAtTheQuarterEndOwesNoReport() {
            at("2026-10-20T02:00:00Z");
            // CD_FIRM and CQ_FIRM are of kind OTHER; CD_PLATFORM was a platform all along.
            f.network.invoke(f.cqBureau, ctx -> f.enterprises.setEnterpriseKind(ctx, CreditFixture.CQ_FIRM, "PLATFORM",
                    "started a delivery platform in October"));
            assertThat(late("2026-Q3")).extracting(LateReport::uscc).containsExactlyInAnyOrder(CD_PLATFORM, CQ_PLATFORM);
            assertThat(late("2026-Q4")).as("Q4 is not due yet").isEmpty();
            at("2027-01-20T02:00:00Z");
            assertThat(late("2026-Q4")).extracting(LateReport::uscc)
                    .containsExactlyInAnyOrder(CD_PLATFORM, CQ_PLATFORM, CreditFixture.CQ_FIRM);
        }
    }
}
