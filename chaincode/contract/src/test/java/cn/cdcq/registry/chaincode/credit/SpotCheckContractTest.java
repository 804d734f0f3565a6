package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM2;
import static org.assertj.core.api.Assertions.assertThat;

class SpotCheckContractTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
    private static final String CD_SECRET = Hashes.sha256Hex("chengdu secret".getBytes(StandardCharsets.UTF_8));
    private static final String CQ_SECRET = Hashes.sha256Hex("chongqing secret".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void chongqingRegisterWithThreeEnterprisesAndThreeInspectors() {
        f.registerEnterprise(f.cqBureau, CQ_FIRM2, "Chongqing Yubei Foods Co.");
        f.registerEnterprise(f.cqBureau, CreditFixture.uscc("91500000MA5U00004"), "Chongqing Nanan Textiles Co.");
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.registerInspector(ctx, "CQ-INS-0003"));
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.setWeights(ctx, "{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}"));
        // CQ_FIRM is rated C by Chengdu, so its effective level is C.
        f.penalized(f.cdInspector, CQ_FIRM, "CHILD_LABOR", "2026-05-05");
        f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "", "");
        f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM2, 2026, "", "");
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.declareConflict(ctx, "CQ-INS-0001", CQ_FIRM));
    }

    private SpotCheckDraw open(int enterprises, int inspectors) {
        String json = "{\"registerRegion\":\"CQ\",\"enterpriseCount\":" + enterprises + ",\"inspectorsPerEnterprise\":"
                + inspectors + "}";
        return CreditFixture.read(f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.openDraw(ctx, json)),
                SpotCheckDraw.class);
    }

    private static String commitmentOf(String secretHex) {
        return SpotCheckDrawing.commitment(Hashes.fromHex(secretHex));
    }

    private SpotCheckDraw drawn(int enterprises) {
        SpotCheckDraw d = open(enterprises, 2);
        f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CD_SECRET)));
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CQ_SECRET)));
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.reveal(ctx, d.id(), CQ_SECRET));
        return CreditFixture.read(f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.reveal(ctx, d.id(), CD_SECRET)),
                SpotCheckDraw.class);
    }

    @Nested
    class Opening {

        @Test
        void fixesTheRegisterWithEffectiveLevelsAndWeights() {
            SpotCheckDraw d = open(2, 2);
            assertThat(d.status()).isEqualTo(SpotCheckDraw.Status.COMMITTING);
            assertThat(d.participants()).containsExactly("CD", "CQ");
            assertThat(d.candidates()).extracting(SpotCheckDraw.Candidate::uscc)
                    .isSorted().hasSize(3).contains(CQ_FIRM, CQ_FIRM2);
            SpotCheckDraw.Candidate c = d.candidates().stream().filter(x -> x.uscc().equals(CQ_FIRM)).findFirst().orElseThrow();
            assertThat(c.level()).isEqualTo(CreditLevel.C);
            assertThat(c.weight()).isEqualTo(4);
            SpotCheckDraw.Candidate a = d.candidates().stream().filter(x -> x.uscc().equals(CQ_FIRM2)).findFirst().orElseThrow();
            assertThat(a.level()).isEqualTo(CreditLevel.A);
            assertThat(a.weight()).isEqualTo(1);
            assertThat(d.inspectorIds()).containsExactly("CQ-INS-0001", "CQ-INS-0002", "CQ-INS-0003");
            assertThat(d.conflicts()).containsExactly(new SpotCheckDraw.Conflict("CQ-INS-0001", CQ_FIRM));
        }

        @Test
        void isRefusedWhenTheRegisterCannotSupplyTheDraw() {
            f.assertRefused(ErrorCode.CONFLICT, () -> open(4, 2));
            // CQ_FIRM has only two inspectors without a conflict.
            f.assertRefused(ErrorCode.CONFLICT, () -> open(1, 3));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> open(1, 1));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector, ctx -> f.spotchecks.openDraw(ctx,
                    "{\"registerRegion\":\"CQ\",\"enterpriseCount\":1,\"inspectorsPerEnterprise\":2}")));
        }
    }

    @Nested
    class CommitReveal {

        @Test
        void theSeedComesFromBothSecretsAndAnyoneCanRecomputeTheDraw() {
            SpotCheckDraw d = drawn(2);
            assertThat(d.status()).isEqualTo(SpotCheckDraw.Status.DRAWN);
            assertThat(d.seedHex()).isEqualTo(Hashes.sha256Hex(Hashes.fromHex(CD_SECRET), Hashes.fromHex(CQ_SECRET)));
            assertThat(d.assignments()).hasSize(2);
            assertThat(SpotCheckDrawing.recompute(d)).isEqualTo(d.assignments());
            for (SpotCheckDraw.Assignment a : d.assignments()) {
                assertThat(a.inspectorIds()).hasSize(2).doesNotHaveDuplicates();
                if (a.uscc().equals(CQ_FIRM)) {
                    assertThat(a.inspectorIds()).doesNotContain("CQ-INS-0001");
                }
            }
            EmittedEvent e = f.network.lastEvent().orElseThrow();
            assertThat(e.name()).isEqualTo("SpotCheckDrawn");
        }

        @Test
        void noRevealBeforeEveryRegionCommitted() {
            SpotCheckDraw d = open(1, 2);
            f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CD_SECRET)));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), CD_SECRET)));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CQ_SECRET))));
        }

        @Test
        void aRevealNotMatchingTheCommitmentAndASecondRevealAreRefused() {
            SpotCheckDraw d = open(1, 2);
            f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CD_SECRET)));
            f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.commit(ctx, d.id(), commitmentOf(CQ_SECRET)));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), CD_SECRET)));
            f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.reveal(ctx, d.id(), CQ_SECRET));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), CQ_SECRET)));
        }

        @Test
        void theOutcomeDependsOnEachRegionsSecret() {
            SpotCheckDraw d = drawn(1);
            byte[] otherSeed = SpotCheckDrawing.seed(Map.of("CD", CD_SECRET,
                    "CQ", Hashes.sha256Hex("another secret".getBytes(StandardCharsets.UTF_8))));
            assertThat(Hashes.hex(otherSeed)).isNotEqualTo(d.seedHex());
        }
    }

    @Nested
    class Results {

        @Test
        void aDrawnInspectorOrTheRegistersBureauPublishesOnceAndTheProfileShowsIt() {
            SpotCheckDraw d = drawn(1);
            SpotCheckDraw.Assignment a = d.assignments().get(0);
            String report = CreditFixture.hash("report");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.spotchecks.publishResult(ctx, d.id(), a.uscc(), "NO_ISSUES", report)));
            SpotCheckResult r = CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                    ctx -> f.spotchecks.publishResult(ctx, d.id(), a.uscc(), "VIOLATION_FOUND", report)),
                    SpotCheckResult.class);
            assertThat(r.outcome()).isEqualTo(SpotCheckResult.Outcome.VIOLATION_FOUND);
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.publishResult(ctx, d.id(), a.uscc(), "NO_ISSUES", report)));
            CreditProfile p = CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.enterprises.getCreditProfile(ctx, a.uscc())), CreditProfile.class);
            assertThat(p.spotChecks()).singleElement().satisfies(s -> {
                assertThat(s.drawId()).isEqualTo(d.id());
                assertThat(s.result()).isEqualTo(r);
            });
            List<SpotCheckResult> listed = cn.cdcq.registry.common.json.Json.readList(
                    f.network.<String>evaluate(f.cdInspector, ctx -> f.spotchecks.listResults(ctx, d.id())), SpotCheckResult.class);
            assertThat(listed).containsExactly(r);
        }
    }
}
