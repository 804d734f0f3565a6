package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.ViolationStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThat;

/** Inspector registers: a region's own ids only, withdrawal of inspectors and of conflicts (issue 10, item 6). */
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
}
