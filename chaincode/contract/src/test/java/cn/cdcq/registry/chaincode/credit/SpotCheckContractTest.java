package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckPeriod;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.time.Instant;
import java.util.List;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotCheckContractTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
    static final KeyPair CD_KEY = rsa();
    static final KeyPair CQ_KEY = rsa();

    static KeyPair rsa() {
        return CreditFixture.drawKeyPair();
    }

    static String pem(KeyPair key) {
        return CreditFixture.drawKeyPem(key);
    }

    private static String contribution(KeyPair key, String drawId) {
        return CreditFixture.drawContribution(key, drawId);
    }

    @BeforeEach
    void chongqingRegisterWithThreeEnterprisesAndThreeInspectors() {
        f.registerEnterprise(f.cqBureau, CQ_FIRM2, "Chongqing Yubei Foods Co.");
        f.registerEnterprise(f.cqBureau, CreditFixture.uscc("91500000MA5U00004"), "Chongqing Nanan Textiles Co.");
        f.registerAndConfirm(f.cqBureau, CreditFixture.inspector(CreditFixture.CQ_MSP, "cq-inspector3", "CQ-INS-0003"), "CQ-INS-0003");
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.setWeights(ctx, "{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}"));
        // CQ_FIRM is rated C by Chengdu, so its effective level is C.
        f.penalized(f.cdInspector, CQ_FIRM, "CHILD_LABOR", "2026-05-05");
        f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "", "");
        f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM2, 2026, "", "");
        f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.declareConflict(ctx, "CQ-INS-0001", CQ_FIRM));
        f.network.<String>invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, pem(CD_KEY)));
        f.network.<String>invoke(f.cqBureau, ctx -> f.regions.setDrawKey(ctx, pem(CQ_KEY)));
    }

    private static String request(int enterprises, int inspectors, String period) {
        return "{\"registerRegion\":\"CQ\",\"enterpriseCount\":" + enterprises + ",\"inspectorsPerEnterprise\":"
                + inspectors + (period == null ? "" : ",\"period\":\"" + period + "\"") + "}";
    }

    private SpotCheckDraw open(int enterprises, int inspectors) {
        return open(enterprises, inspectors, null);
    }

    private SpotCheckDraw open(int enterprises, int inspectors, String period) {
        String json = request(enterprises, inspectors, period);
        return CreditFixture.read(f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.openDraw(ctx, json)),
                SpotCheckDraw.class);
    }

    private SpotCheckDraw reveal(TestIdentity bureau, KeyPair key, String drawId) {
        return CreditFixture.read(f.network.<String>invoke(bureau,
                ctx -> f.spotchecks.reveal(ctx, drawId, contribution(key, drawId))), SpotCheckDraw.class);
    }

    private SpotCheckDraw drawn(int enterprises) {
        SpotCheckDraw d = open(enterprises, 2);
        reveal(f.cqBureau, CQ_KEY, d.id());
        return reveal(f.cdBureau, CD_KEY, d.id());
    }

    @Nested
    class Opening {

        @Test
        void fixesTheRegisterWithEffectiveLevelsWeightsDrawKeysAndDeadline() {
            SpotCheckDraw d = open(2, 2);
            assertThat(d.status()).isEqualTo(SpotCheckDraw.Status.REVEALING);
            assertThat(d.participants()).containsExactly("CD", "CQ");
            assertThat(d.period()).as("the transaction's year by default").isEqualTo("2026");
            assertThat(Instant.parse(d.revealBy())).isEqualTo(Instant.parse(d.openedAt()).plus(SpotCheckDrawing.REVEAL_WINDOW));
            assertThat(d.drawKeys()).containsOnlyKeys("CD", "CQ");
            assertThat(d.drawKeys().get("CD")).isEqualTo(Base64.getEncoder().encodeToString(CD_KEY.getPublic().getEncoded()));
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
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> open(1, 2, "last year"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector, ctx -> f.spotchecks.openDraw(ctx,
                    request(1, 2, null))));
        }

        @Test
        void aRegionOpensDrawsOnlyOnItsOwnRegister() {
            var before = f.network.ledger().lastCommittedTxId();
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau, ctx -> f.spotchecks.openDraw(ctx,
                    request(1, 2, null))));
            assertThat(f.network.ledger().lastCommittedTxId()).as("nothing written").isEqualTo(before);
        }

        @Test
        void needsEveryParticipantsDrawKey() {
            CreditFixture fresh = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
            fresh.network.<String>invoke(fresh.cqBureau, ctx -> fresh.spotchecks.setWeights(ctx,
                    "{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}"));
            fresh.network.<String>invoke(fresh.cqBureau, ctx -> fresh.regions.setDrawKey(ctx, pem(CQ_KEY)));
            assertThatThrownBy(() -> fresh.network.invoke(fresh.cqBureau, ctx -> fresh.spotchecks.openDraw(ctx,
                    request(1, 2, null)))).hasMessageContaining("region CD has set no draw key");
        }
    }

    @Nested
    class DrawKeys {

        @Test
        void eachRegionSetsItsOwnKeyWithHistory() {
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, pem(CD_KEY))));
            KeyPair next = rsa();
            f.network.<String>invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, pem(next)));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector, ctx -> f.regions.setDrawKey(ctx, pem(rsa()))));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, "key")));
            List<DrawKey> keys = cn.cdcq.registry.common.json.Json.readList(
                    f.network.<String>evaluate(f.cqBureau, ctx -> f.regions.getDrawKeys(ctx, "CD")), DrawKey.class);
            assertThat(keys).extracting(DrawKey::sequence).containsExactly(1, 2);
            assertThat(keys).allSatisfy(k -> assertThat(k.regionCode()).isEqualTo("CD"));
        }

        @Test
        void aKeySetAfterOpeningDoesNotChangeTheDraw() {
            SpotCheckDraw d = open(1, 2);
            KeyPair next = rsa();
            f.network.<String>invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, pem(next)));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> reveal(f.cdBureau, next, d.id()));
            assertThat(reveal(f.cdBureau, CD_KEY, d.id()).reveals()).containsOnlyKeys("CD");
        }
    }

    @Nested
    class Reveals {

        @Test
        void theSeedComesFromBothSignaturesAndAnyoneCanRecomputeTheDraw() {
            SpotCheckDraw d = drawn(2);
            assertThat(d.status()).isEqualTo(SpotCheckDraw.Status.DRAWN);
            assertThat(d.seedHex()).isEqualTo(Hashes.sha256Hex(SpotCheckDrawing.contribution(CD_KEY.getPrivate(), d.id()),
                    SpotCheckDrawing.contribution(CQ_KEY.getPrivate(), d.id())));
            assertThat(d.reveals()).allSatisfy((region, sig) -> assertThat(SpotCheckDrawing.isContribution(
                    d.drawKeys().get(region), d.id(), Hashes.fromHex(sig))).isTrue());
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
        void aContributionIsTheRegionsSignatureOverThisDrawNothingElse() {
            SpotCheckDraw d = open(1, 2);
            var before = f.network.ledger().lastCommittedTxId();
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> reveal(f.cqBureau, CD_KEY, d.id()));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), contribution(CQ_KEY, "another draw"))));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), Hashes.sha256Hex("a chosen value".getBytes(StandardCharsets.UTF_8)))));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.reveal(ctx, d.id(), "zz")));
            assertThat(f.network.ledger().lastCommittedTxId()).as("nothing written").isEqualTo(before);
            reveal(f.cqBureau, CQ_KEY, d.id());
            f.assertRefused(ErrorCode.CONFLICT, () -> reveal(f.cqBureau, CQ_KEY, d.id()));
        }

        @Test
        void noRevealAfterTheDeadline() {
            SpotCheckDraw d = open(1, 2);
            reveal(f.cqBureau, CQ_KEY, d.id());
            f.network.setClock(Instant.parse(d.revealBy()).plusSeconds(1));
            f.assertRefused(ErrorCode.CONFLICT, () -> reveal(f.cdBureau, CD_KEY, d.id()));
        }
    }

    @Nested
    class LapsesAndRedraws {

        @Test
        void aDrawLapsesOnlyAfterItsDeadlineAndAgainstTheRegionThatDidNotReveal() {
            SpotCheckDraw d = open(1, 2);
            reveal(f.cqBureau, CQ_KEY, d.id());
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> f.spotchecks.lapseDraw(ctx, d.id())));
            f.network.setClock(Instant.parse(d.revealBy()).plusSeconds(1));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector, ctx -> f.spotchecks.lapseDraw(ctx, d.id())));
            SpotCheckDraw lapsed = CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                    ctx -> f.spotchecks.lapseDraw(ctx, d.id())), SpotCheckDraw.class);
            assertThat(lapsed.status()).isEqualTo(SpotCheckDraw.Status.LAPSED);
            assertThat(lapsed.lapsedRegions()).containsExactly("CD");
            assertThat(lapsed.assignments()).isNull();
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo("SpotCheckLapsed");
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> f.spotchecks.lapseDraw(ctx, d.id())));
        }

        @Test
        void noSecondDrawOnTheSameRegisterAndPeriodWithoutTheOtherRegionsConsent() {
            SpotCheckDraw first = open(1, 2, "2026-Q4");
            f.assertRefused(ErrorCode.CONFLICT, () -> open(1, 2, "2026-Q4"));
            reveal(f.cqBureau, CQ_KEY, first.id());
            f.network.setClock(Instant.parse(first.revealBy()).plusSeconds(1));
            f.network.<String>invoke(f.cqBureau, ctx -> f.spotchecks.lapseDraw(ctx, first.id()));
            var before = f.network.ledger().lastCommittedTxId();
            assertThatThrownBy(() -> open(1, 2, "2026-Q4")).hasMessageContaining("needs the consent of [CD]");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.spotchecks.consentToRedraw(ctx, "CQ", "2026-Q4")));
            assertThat(f.network.ledger().lastCommittedTxId()).as("nothing written").isEqualTo(before);
            assertThat(open(1, 2, "2027").status()).as("another period is another matter")
                    .isEqualTo(SpotCheckDraw.Status.REVEALING);
            f.assertRefused(ErrorCode.NOT_FOUND, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.spotchecks.consentToRedraw(ctx, "CQ", "2028")));
            SpotCheckPeriod consented = CreditFixture.read(f.network.<String>invoke(f.cdBureau,
                    ctx -> f.spotchecks.consentToRedraw(ctx, "CQ", "2026-Q4")), SpotCheckPeriod.class);
            assertThat(consented.consents()).singleElement().satisfies(c -> {
                assertThat(c.regionCode()).isEqualTo("CD");
                assertThat(c.forDraw()).isEqualTo(2);
            });
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.spotchecks.consentToRedraw(ctx, "CQ", "2026-Q4")));
            SpotCheckDraw second = open(1, 2, "2026-Q4");
            assertThat(second.status()).isEqualTo(SpotCheckDraw.Status.REVEALING);
            reveal(f.cqBureau, CQ_KEY, second.id());
            reveal(f.cdBureau, CD_KEY, second.id());
            assertThatThrownBy(() -> open(1, 2, "2026-Q4")).as("the consent was for draw 2 only")
                    .hasMessageContaining("draw 3 needs the consent of [CD]");
            SpotCheckPeriod period = CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.spotchecks.getPeriod(ctx, "CQ", "2026-Q4")), SpotCheckPeriod.class);
            assertThat(period.drawIds()).containsExactly(first.id(), second.id());
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
