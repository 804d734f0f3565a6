package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CD_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThat;

class ViolationContractTest {

    /** Tuesday 2026-05-12, 10:00 in Chengdu. */
    private final CreditFixture f = new CreditFixture(Instant.parse("2026-05-12T02:00:00Z"));

    private List<CrossRegionNotice> overdue(TestIdentity who) {
        return Json.readList(f.network.<String>evaluate(who, ctx -> f.violations.listOverdueNotices(ctx)),
                CrossRegionNotice.class);
    }

    @Nested
    class Enterprises {

        @Test
        void areRegisteredInTheRegionOfTheRegisteringBureauAndReadableByBoth() {
            Enterprise e = CreditFixture.read(f.network.<String>evaluate(f.cdInspector,
                    ctx -> f.enterprises.getEnterprise(ctx, CQ_FIRM)), Enterprise.class);
            assertThat(e.regionCode()).isEqualTo("CQ");
            assertThat(Json.readList(f.network.<String>evaluate(f.cdBureau, ctx -> f.enterprises.listEnterprises(ctx, "CQ")),
                    Enterprise.class)).extracting(Enterprise::uscc).containsExactly(CQ_FIRM);
        }

        @Test
        void aBadUsccIsRefusedAndNothingIsWritten() {
            String bad = CQ_FIRM.substring(0, 17) + (CQ_FIRM.charAt(17) == '0' ? '1' : '0');
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.enterprises.registerEnterprise(ctx, bad, "X Co.", "false", "")));
        }

        @Test
        void onlyABureauRegistersAndOnlyOnce() {
            String other = CreditFixture.uscc("91500000MA5U00099");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector,
                    ctx -> f.enterprises.registerEnterprise(ctx, other, "X Co.", "false", "")));
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.enterprises.registerEnterprise(ctx, CQ_FIRM, "Same firm", "true", "")));
        }
    }

    @Nested
    class CrossRegionNotices {

        @Test
        void aViolationAgainstTheOtherRegionsEnterpriseIsNotifiedByTheEndOfTheQuarter() {
            Violation v = f.record(f.cdInspector, CQ_FIRM, "ILLEGAL_OVERTIME", 0, "2026-05-10", false, false, "OPEN");
            assertThat(v.recordingRegion()).isEqualTo("CD");
            assertThat(v.enterpriseRegion()).isEqualTo("CQ");
            assertThat(v.recordedBy()).isEqualTo("CD-INS-0001");
            EmittedEvent event = f.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("CrossRegionNoticeRaised");
            assertThat(event.payloadAsString()).contains("\"toRegion\":\"CQ\"", "\"dueOn\":\"2026-06-30\"");
            CrossRegionNotice n = CreditFixture.read(f.network.<String>evaluate(f.cqBureau,
                    ctx -> f.violations.getNotice(ctx, v.id())), CrossRegionNotice.class);
            assertThat(n.dueOn()).isEqualTo("2026-06-30");
            assertThat(n.pending()).isTrue();
        }

        @Test
        void aMajorCaseIsDueTheSameDayAndOverdueTheNext() {
            Violation v = f.record(f.cdInspector, CQ_FIRM, "WAGE_ARREARS", 5_000_000, "2026-05-11", true, false, "OPEN");
            CrossRegionNotice n = CreditFixture.read(f.network.<String>evaluate(f.cqBureau,
                    ctx -> f.violations.getNotice(ctx, v.id())), CrossRegionNotice.class);
            assertThat(n.dueOn()).isEqualTo("2026-05-12");
            assertThat(overdue(f.cqBureau)).isEmpty();
            f.network.advanceClock(Duration.ofDays(1));
            assertThat(overdue(f.cdBureau)).extracting(CrossRegionNotice::violationId).containsExactly(v.id());
        }

        @Test
        void theOtherRegionAcknowledgesOnceAndOnlyIt() {
            Violation v = f.record(f.cdInspector, CQ_FIRM, "SOCIAL_INSURANCE", 10_000, "2026-05-10", false, false, "OPEN");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.violations.acknowledgeNotice(ctx, v.id())));
            CrossRegionNotice ack = CreditFixture.read(f.network.<String>invoke(f.cqInspector,
                    ctx -> f.violations.acknowledgeNotice(ctx, v.id())), CrossRegionNotice.class);
            assertThat(ack.acknowledgedBy()).isEqualTo("CQ-INS-0001");
            assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("CrossRegionNoticeAcknowledged");
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.violations.acknowledgeNotice(ctx, v.id())));
            f.network.advanceClock(Duration.ofDays(100));
            assertThat(overdue(f.cqBureau)).isEmpty();
        }

        @Test
        void aViolationInTheEnterprisesOwnRegionRaisesNoNotice() {
            Violation v = f.record(f.cdInspector, CD_FIRM, "MINIMUM_WAGE", 3_000, "2026-05-10", true, false, "OPEN");
            assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("ViolationRecorded");
            f.assertRefused(ErrorCode.NOT_FOUND, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.violations.acknowledgeNotice(ctx, v.id())));
        }
    }

    @Nested
    class WhoMayRecord {

        @Test
        void aBureauOrTrainingCenterCannotRecordAViolation() {
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(f.cdBureau, CQ_FIRM, "OTHER", 0, "2026-05-10", false, false, "OPEN"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(f.cdCenter, CQ_FIRM, "OTHER", 0, "2026-05-10", false, false, "OPEN"));
        }

        @Test
        void anInspectorActingForTheOtherRegionIsRefused() {
            // A Chongqing-enrolled certificate carrying a Chengdu inspector's ID.
            TestIdentity impostor = CreditFixture.inspector(CreditFixture.CQ_MSP, "cq-impostor", "CD-INS-0002");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(impostor, CD_FIRM, "OTHER", 0, "2026-05-10", false, false, "OPEN"));
            TestIdentity unregistered = CreditFixture.inspector(CreditFixture.CD_MSP, "cd-new", "CD-INS-0099");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(unregistered, CD_FIRM, "OTHER", 0, "2026-05-10", false, false, "OPEN"));
        }

        @Test
        void onlyTheRecordingRegionsInspectorsChangeTheStatusAndClosedIsFinal() {
            Violation v = f.record(f.cdInspector, CQ_FIRM, "NO_WRITTEN_CONTRACT", 0, "2026-05-10", false, false, "OPEN");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector,
                    ctx -> f.violations.updateStatus(ctx, v.id(), "CLOSED")));
            Violation penalized = CreditFixture.read(f.network.<String>invoke(f.cdInspector2,
                    ctx -> f.violations.updateStatus(ctx, v.id(), "PENALIZED")), Violation.class);
            assertThat(penalized.penalized()).isTrue();
            Violation closed = CreditFixture.read(f.network.<String>invoke(f.cdInspector,
                    ctx -> f.violations.updateStatus(ctx, v.id(), "CLOSED")), Violation.class);
            assertThat(closed.status()).isEqualTo(ViolationStatus.CLOSED);
            assertThat(closed.penalized()).as("a penalty stays on the record").isTrue();
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdInspector,
                    ctx -> f.violations.updateStatus(ctx, v.id(), "OPEN")));
        }

        @Test
        void malformedInputIsRefused() {
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdInspector,
                    ctx -> f.violations.recordViolation(ctx, "{\"uscc\":\"" + CQ_FIRM + "\",\"type\":\"BRIBERY\"}")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.record(f.cdInspector, CQ_FIRM, "OTHER", -1, "2026-05-10",
                    false, false, "OPEN"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.record(f.cdInspector, CQ_FIRM, "OTHER", 0, "2026-06-10",
                    false, false, "OPEN"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.record(f.cdInspector, CQ_FIRM, "OTHER", 0, "2026-05-10",
                    false, false, "CLOSED"));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> f.record(f.cdInspector, CreditFixture.uscc("91500000MA5U00077"),
                    "OTHER", 0, "2026-05-10", false, false, "OPEN"));
        }
    }
}
