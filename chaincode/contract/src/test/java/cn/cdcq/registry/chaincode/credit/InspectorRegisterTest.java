package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CD_MSP;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_MSP;
import static org.assertj.core.api.Assertions.assertThat;

/** Inspector registers: a region's own ids only, confirmed by the inspector's own identity, withdrawal of inspectors and of conflicts (issue 10, item 6). */
class InspectorRegisterTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));

    private List<InspectorEntry> register(String region) {
        return List.of(CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                ctx -> f.spotchecks.listInspectors(ctx, region)), InspectorEntry[].class));
    }

    @Test
    void aRegionCannotSquatAnIdOfTheOtherRegionsForm() {
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0099")));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "INS-0099")));
        InspectorEntry own = CreditFixture.read(f.network.<String>invoke(f.cdBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0099")), InspectorEntry.class);
        assertThat(own.regionCode()).isEqualTo("CD");
    }

    @Test
    void aWithdrawnInspectorIsNeitherListedForDrawsNorAbleToActAndOnlyItsRegionWithdrawsIt() {
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                ctx -> f.spotchecks.withdrawInspector(ctx, "CD-INS-0002")));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector,
                ctx -> f.spotchecks.withdrawInspector(ctx, "CD-INS-0002")));
        InspectorEntry withdrawn = CreditFixture.read(f.network.<String>invoke(f.cdBureau,
                ctx -> f.spotchecks.withdrawInspector(ctx, "CD-INS-0002")), InspectorEntry.class);
        assertThat(withdrawn.active()).isFalse();
        assertThat(register("CD")).extracting(InspectorEntry::inspectorId).containsExactly("CD-INS-0001");
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(f.cdInspector2, CQ_FIRM, "OTHER", 0, "2026-11-01", false,
                false, ViolationStatus.OPEN.name()));
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                ctx -> f.spotchecks.withdrawInspector(ctx, "CD-INS-0002")));
        f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> f.network.invoke(f.cdBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0002")));
    }

    @Test
    void aDeclaredConflictIsWithdrawnOnlyByTheInspectorsRegion() {
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.declareConflict(ctx, "CQ-INS-0001", CQ_FIRM));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                ctx -> f.spotchecks.withdrawConflict(ctx, "CQ-INS-0001", CQ_FIRM)));
        ConflictOfInterest withdrawn = CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                ctx -> f.spotchecks.withdrawConflict(ctx, "CQ-INS-0001", CQ_FIRM)), ConflictOfInterest.class);
        assertThat(withdrawn.inForce()).isFalse();
        List<?> inForce = List.of(CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                ctx -> f.spotchecks.listConflicts(ctx)), ConflictOfInterest[].class));
        assertThat(inForce).isEmpty();
        f.assertRefused(ErrorCode.NOT_FOUND, () -> f.network.invoke(f.cqBureau,
                ctx -> f.spotchecks.withdrawConflict(ctx, "CQ-INS-0001", CQ_FIRM)));
    }

    private InspectorEntry entry(String id) {
        return register(id.substring(0, 2)).stream().filter(e -> e.inspectorId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aRegisteredIdIsPendingUntilTheInspectorConfirmsItWithTheirOwnIdentity() {
        TestIdentity third = CreditFixture.inspector(CD_MSP, "cd-inspector3", "CD-INS-0003");
        InspectorEntry pending = CreditFixture.read(f.network.<String>invoke(f.cdBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0003")), InspectorEntry.class);
        assertThat(pending.confirmed()).isFalse();
        assertThat(entry("CD-INS-0003").confirmed()).isFalse();
        InspectorEntry confirmed = CreditFixture.read(f.network.<String>invoke(third,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")), InspectorEntry.class);
        assertThat(confirmed.confirmed()).isTrue();
        assertThat(confirmed.confirmedBy()).isNotBlank().isNotEqualTo(confirmed.registeredBy());
        assertThat(entry("CD-INS-0003").confirmedAt()).isEqualTo(confirmed.confirmedAt());
        // Now it acts, and a second confirmation is refused.
        f.record(third, CQ_FIRM, "OTHER", 0, "2026-11-01", false, false, ViolationStatus.OPEN.name());
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(third,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
    }

    @Test
    void aMemberOfTheOtherRegionCannotConfirmAnIdOfThisRegionEvenWithThatAttribute() {
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0003"));
        TestIdentity impostor = CreditFixture.inspector(CQ_MSP, "cq-impostor", "CD-INS-0003");
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(impostor,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
        assertThat(entry("CD-INS-0003").confirmed()).isFalse();
    }

    @Test
    void aMemberWithoutTheAttributeOrWithAnotherIdOrAnotherRoleCannotConfirm() {
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0003"));
        TestIdentity noAttribute = TestIdentities.user(CD_MSP, "cd-no-id", Map.of("role", "inspector"));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(noAttribute,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
        TestIdentity bureauWithId = TestIdentities.user(CD_MSP, "cd-bureau-id",
                Map.of("role", "bureau", "inspectorId", "CD-INS-0003"));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(bureauWithId,
                ctx -> f.spotchecks.confirmInspector(ctx, "CD-INS-0003")));
        assertThat(entry("CD-INS-0003").confirmed()).isFalse();
    }

    @Test
    void aPendingInspectorIsNotDrawnAndCannotAct() {
        TestIdentity third = CreditFixture.inspector(CD_MSP, "cd-inspector3", "CD-INS-0003");
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0003"));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> f.record(third, CQ_FIRM, "OTHER", 0, "2026-11-01", false,
                false, ViolationStatus.OPEN.name()));
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.setWeights(ctx, "{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}"));
        f.network.<String>invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, SpotCheckContractTest.pem(SpotCheckContractTest.CD_KEY)));
        f.network.<String>invoke(f.cqBureau, ctx -> f.regions.setDrawKey(ctx, SpotCheckContractTest.pem(SpotCheckContractTest.CQ_KEY)));
        SpotCheckDraw draw = CreditFixture.read(f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.openDraw(ctx,
                "{\"registerRegion\":\"CD\",\"enterpriseCount\":1,\"inspectorsPerEnterprise\":2,\"period\":\"2026-01\"}")),
                SpotCheckDraw.class);
        assertThat(draw.inspectorIds()).containsExactlyInAnyOrder("CD-INS-0001", "CD-INS-0002");
        // One confirmed and one pending inspector left: two active, but too few to draw two per enterprise.
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.withdrawInspector(ctx, "CD-INS-0002"));
        assertThat(register("CD")).extracting(InspectorEntry::inspectorId).containsExactlyInAnyOrder("CD-INS-0001", "CD-INS-0003");
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> f.spotchecks.openDraw(ctx,
                "{\"registerRegion\":\"CD\",\"enterpriseCount\":1,\"inspectorsPerEnterprise\":2,\"period\":\"2026-02\"}")));
    }
}
