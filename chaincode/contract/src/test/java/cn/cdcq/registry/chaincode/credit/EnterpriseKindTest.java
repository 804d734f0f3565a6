package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.InMemoryStub;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Enterprise kinds in the register: set and changed by the registering region, with history; old records read as before. */
class EnterpriseKindTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-05-12T02:00:00Z"));
    private static final String AGENCY = CreditFixture.uscc("91500000MA5U00077");

    private Enterprise register(String uscc, String platform, String kind) {
        return CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                ctx -> f.enterprises.registerEnterprise(ctx, uscc, "Chongqing Talent Services Co.", platform, kind)),
                Enterprise.class);
    }

    private Enterprise read(String uscc) {
        return CreditFixture.read(f.network.<String>evaluate(f.cdBureau, ctx -> f.enterprises.getEnterprise(ctx, uscc)),
                Enterprise.class);
    }

    @Nested
    class Registration {

        @Test
        void recordsTheKindGivenWithItsFirstHistoryEntry() {
            Enterprise e = register(AGENCY, "false", "HR_SERVICE_AGENCY");
            assertThat(e.kind()).isEqualTo(EnterpriseKind.HR_SERVICE_AGENCY);
            assertThat(e.platform()).isFalse();
            assertThat(e.kindHistory()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(EnterpriseKind.HR_SERVICE_AGENCY);
                assertThat(c.changedBy()).isEqualTo(e.registeredBy());
            });
            assertThat(read(AGENCY)).isEqualTo(e);
        }

        @Test
        void noKindTakesPlatformFromTheFlagElseOther() {
            assertThat(register(AGENCY, "true", "").kind()).isEqualTo(EnterpriseKind.PLATFORM);
            assertThat(read(CreditFixture.CQ_FIRM).kind()).isEqualTo(EnterpriseKind.OTHER);
        }

        @Test
        void anUnknownKindOrAPlatformFlagWithAnotherKindIsRefusedAndNothingIsWritten() {
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> register(AGENCY, "false", "STAFFING_FIRM"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> register(AGENCY, "true", "HR_SERVICE_AGENCY"));
        }
    }

    @Nested
    class Change {

        @Test
        void theRegisteringRegionChangesItWithAReasonAndTheHistoryKeepsEveryKind() {
            register(AGENCY, "false", "OTHER");
            Enterprise changed = CreditFixture.read(f.network.<String>invoke(f.cqBureau, ctx -> f.enterprises
                    .setEnterpriseKind(ctx, AGENCY, "HR_SERVICE_AGENCY", "licensed as an HR service agency")), Enterprise.class);
            assertThat(changed.kind()).isEqualTo(EnterpriseKind.HR_SERVICE_AGENCY);
            assertThat(changed.kindHistory()).extracting(Enterprise.KindChange::kind)
                    .containsExactly(EnterpriseKind.OTHER, EnterpriseKind.HR_SERVICE_AGENCY);
            assertThat(changed.kindHistory().get(1).reason()).isEqualTo("licensed as an HR service agency");
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo("EnterpriseKindChanged");
            Enterprise platform = CreditFixture.read(f.network.<String>invoke(f.cqBureau, ctx -> f.enterprises
                    .setEnterpriseKind(ctx, AGENCY, "PLATFORM", "now runs a delivery platform")), Enterprise.class);
            assertThat(platform.platform()).isTrue();
            assertThat(read(AGENCY).kindHistory()).hasSize(3);
        }

        @Test
        void theOtherRegionAnUnknownKindNoReasonOrTheSameKindAreRefused() {
            register(AGENCY, "false", "OTHER");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.enterprises.setEnterpriseKind(ctx, AGENCY, "PLATFORM", "seen on an app")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.enterprises.setEnterpriseKind(ctx, AGENCY, "AGENCY", "typo")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.enterprises.setEnterpriseKind(ctx, AGENCY, "PLATFORM", " ")));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.enterprises.setEnterpriseKind(ctx, AGENCY, "OTHER", "again")));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector,
                    ctx -> f.enterprises.setEnterpriseKind(ctx, AGENCY, "PLATFORM", "inspectors do not")));
        }
    }

    @Nested
    class RecordsWrittenBeforeKinds {

        private void writeLegacy(String uscc, boolean platform) {
            InMemoryStub stub = InMemoryStub.builder(f.network.ledger()).creator(f.cqBureau).build();
            String json = "{\"name\":\"Old Works Co.\",\"platform\":" + platform + ",\"regionCode\":\"CQ\","
                    + "\"registeredAt\":\"2025-01-01T00:00:00.000Z\",\"registeredBy\":\"OrgBetaMSP/cq-bureau\",\"uscc\":\"" + uscc + "\"}";
            stub.putState(stub.createCompositeKey(CreditLedger.ENTERPRISE, "CQ", uscc).toString(),
                    json.getBytes(StandardCharsets.UTF_8));
            stub.putState(stub.createCompositeKey(CreditLedger.ENTERPRISE_REGION, uscc).toString(),
                    "\"CQ\"".getBytes(StandardCharsets.UTF_8));
            stub.commit();
        }

        @Test
        void readAsOtherOrPlatformByTheirFlagWithAnEmptyHistoryAndCanBeGivenAKind() {
            String old = CreditFixture.uscc("91500000MA5U00055");
            String oldPlatform = CreditFixture.uscc("91500000MA5U00066");
            writeLegacy(old, false);
            writeLegacy(oldPlatform, true);
            assertThat(read(old).kind()).isEqualTo(EnterpriseKind.OTHER);
            assertThat(read(old).kindHistory()).isEmpty();
            assertThat(read(oldPlatform).kind()).isEqualTo(EnterpriseKind.PLATFORM);
            CreditProfile p = CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.enterprises.getCreditProfile(ctx, old)), CreditProfile.class);
            assertThat(p.enterprise().kind()).isEqualTo(EnterpriseKind.OTHER);
            assertThat(Json.readList(f.network.<String>evaluate(f.cdBureau, ctx -> f.enterprises.listEnterprises(ctx, "CQ")),
                    Enterprise.class)).allSatisfy(e -> assertThat(e.kind()).isNotNull());
            Enterprise changed = CreditFixture.read(f.network.<String>invoke(f.cqBureau, ctx -> f.enterprises
                    .setEnterpriseKind(ctx, old, "HR_SERVICE_AGENCY", "kind stated after the upgrade")), Enterprise.class);
            assertThat(changed.kindHistory()).extracting(Enterprise.KindChange::kind).containsExactly(EnterpriseKind.HR_SERVICE_AGENCY);
        }
    }

    @Nested
    class AgencyOfTheOtherRegion {

        @Test
        void aViolationIsNotifiedAcknowledgedAndDueAsForAnyOtherEnterprise() {
            register(AGENCY, "false", "HR_SERVICE_AGENCY");
            Violation agency = f.record(f.cdInspector, AGENCY, "ILLEGAL_OVERTIME", 0, "2026-05-10", false, false, "OPEN");
            Violation other = f.record(f.cdInspector, CreditFixture.CQ_FIRM, "ILLEGAL_OVERTIME", 0, "2026-05-10", false, false, "OPEN");
            Violation major = f.record(f.cdInspector, AGENCY, "WAGE_ARREARS", 5_000_000, "2026-05-11", true, false, "OPEN");
            CrossRegionNotice a = notice(agency);
            CrossRegionNotice o = notice(other);
            assertThat(a.toRegion()).isEqualTo("CQ").isEqualTo(o.toRegion());
            assertThat(a.dueOn()).isEqualTo(o.dueOn()).isEqualTo("2026-06-30");
            assertThat(notice(major).dueOn()).isEqualTo("2026-05-12");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.violations.acknowledgeNotice(ctx, agency.id())));
            f.network.advanceClock(Duration.ofDays(1));
            assertThat(Json.readList(f.network.<String>evaluate(f.cqBureau, ctx -> f.violations.listOverdueNotices(ctx)),
                    CrossRegionNotice.class)).extracting(CrossRegionNotice::violationId).containsExactly(major.id());
            CrossRegionNotice ack = CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                    ctx -> f.violations.acknowledgeNotice(ctx, agency.id())), CrossRegionNotice.class);
            assertThat(ack.pending()).isFalse();
        }

        private CrossRegionNotice notice(Violation v) {
            return CreditFixture.read(f.network.<String>evaluate(f.cqBureau, ctx -> f.violations.getNotice(ctx, v.id())),
                    CrossRegionNotice.class);
        }
    }
}
