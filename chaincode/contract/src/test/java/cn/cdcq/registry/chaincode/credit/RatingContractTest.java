package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThat;

class RatingContractTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));

    private CreditLevel ruleLevel(String region) {
        return f.preview(region.equals("CD") ? f.cdBureau : f.cqBureau, CQ_FIRM, 2026, "", "").ruleLevel();
    }

    @Nested
    class Rules {

        @Test
        void noPenalizedViolationIsA() {
            f.record(f.cqInspector, CQ_FIRM, "OTHER", 0, "2026-03-01", false, false, "OPEN");
            f.record(f.cqInspector, CQ_FIRM, "CHILD_LABOR", 0, "2026-03-02", false, false, "OPEN");
            assertThat(ruleLevel("CQ")).as("open violations do not count until penalized").isEqualTo(CreditLevel.A);
        }

        @Test
        void oneOrTwoPenalizedViolationsAreBAndTheThirdIsC() {
            f.penalized(f.cqInspector, CQ_FIRM, "ILLEGAL_OVERTIME", "2026-02-01");
            assertThat(ruleLevel("CQ")).isEqualTo(CreditLevel.B);
            f.penalized(f.cqInspector, CQ_FIRM, "SOCIAL_INSURANCE", "2026-04-01");
            assertThat(ruleLevel("CQ")).isEqualTo(CreditLevel.B);
            f.penalized(f.cqInspector, CQ_FIRM, "MINIMUM_WAGE", "2026-06-01");
            CreditRatingStatement s = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            assertThat(s.ruleLevel()).isEqualTo(CreditLevel.C);
            assertThat(s.countedViolationIds()).hasSize(3);
        }

        @Test
        void aPenaltyLaterRectifiedStillCounts() {
            Violation v = f.record(f.cqInspector, CQ_FIRM, "OTHER", 0, "2026-03-01", false, false, "OPEN");
            f.network.<String>invoke(f.cqInspector, ctx -> f.violations.updateStatus(ctx, v.id(), "RECTIFIED"));
            assertThat(ruleLevel("CQ")).as("rectified without a penalty").isEqualTo(CreditLevel.A);
            f.network.<String>invoke(f.cqInspector, ctx -> f.violations.updateStatus(ctx, v.id(), "PENALIZED"));
            f.network.<String>invoke(f.cqInspector, ctx -> f.violations.updateStatus(ctx, v.id(), "CLOSED"));
            assertThat(ruleLevel("CQ")).isEqualTo(CreditLevel.B);
        }

        @Test
        void childLaborForcedLaborRefusedOrdersAndMassIncidentsAreCAtOnce() {
            for (String type : List.of("CHILD_LABOR", "FORCED_LABOR", "REFUSED_INSPECTION_ORDER")) {
                CreditFixture g = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
                g.penalized(g.cqInspector, CQ_FIRM, type, "2026-05-05");
                assertThat(g.preview(g.cqBureau, CQ_FIRM, 2026, "", "").ruleLevel()).as(type).isEqualTo(CreditLevel.C);
            }
            f.record(f.cqInspector, CQ_FIRM, "WAGE_ARREARS", 1_000, "2026-05-05", false, true, "PENALIZED");
            assertThat(ruleLevel("CQ")).as("mass incident").isEqualTo(CreditLevel.C);
        }

        @Test
        void eachRegionRatesFromItsOwnViolationsOfTheYear() {
            f.penalized(f.cdInspector, CQ_FIRM, "CHILD_LABOR", "2026-05-05");
            f.penalized(f.cqInspector, CQ_FIRM, "OTHER", "2025-12-31");
            assertThat(ruleLevel("CD")).isEqualTo(CreditLevel.C);
            assertThat(ruleLevel("CQ")).as("Chengdu's finding and last year's do not count for Chongqing 2026")
                    .isEqualTo(CreditLevel.A);
            assertThat(f.preview(f.cqBureau, CQ_FIRM, 2025, "", "").ruleLevel()).isEqualTo(CreditLevel.B);
        }
    }

    @Nested
    class Recording {

        @Test
        void keepsTheSignatureAndTheAttestationSequenceAndIsReadableByTheOtherRegion() {
            CreditRating r = f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "");
            assertThat(r.statement().level()).isEqualTo(CreditLevel.A);
            assertThat(r.statement().attestationSequence()).isEqualTo(1);
            assertThat(CreditRatingStatement.verify(r.statement(), f.cqAttestation.certificate().getPublicKey(),
                    Hashes.fromHex(r.signatureHex()))).isTrue();
            CreditRating viaCd = CreditFixture.read(f.network.<String>evaluate(f.cdInspector,
                    ctx -> f.ratings.getRating(ctx, CQ_FIRM, "CQ", "2026")), CreditRating.class);
            assertThat(viaCd).isEqualTo(r);
            assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("RatingRecorded");
        }

        @Test
        void aDifferentLevelNeedsAWrittenReasonAndKeepsBoth() {
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.preview(f.cqBureau, CQ_FIRM, 2026, "B", ""));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.preview(f.cqBureau, CQ_FIRM, 2026, "A", "same as rules"));
            CreditRating r = f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "B",
                    "repeated wage complaints under investigation at year end");
            assertThat(r.statement().ruleLevel()).isEqualTo(CreditLevel.A);
            assertThat(r.statement().level()).isEqualTo(CreditLevel.B);
            assertThat(r.statement().overrideReason()).startsWith("repeated");
        }

        @Test
        void aSignatureByAnotherKeyIsRefused() {
            CreditRatingStatement s = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            String wrongKey = Hashes.hex(CreditRatingStatement.sign(s, f.cdAttestation.privateKey()));
            f.assertRefused(ErrorCode.INVALID_SIGNATURE, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(s), wrongKey)));
        }

        @Test
        void aStatementAlteredAfterSigningOrByAnotherRegionIsRefused() {
            CreditRatingStatement s = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            CreditRatingStatement better = new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(),
                    CreditLevel.A, null, s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(),
                    s.replacesRatingHash());
            f.penalized(f.cqInspector, CQ_FIRM, "OTHER", "2026-05-05");
            String sig = Hashes.hex(CreditRatingStatement.sign(better, f.cqAttestation.privateKey()));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(better), sig)));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(better), sig)));
            CreditRatingStatement fresh = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            byte[] raw = Signatures.sign(f.cqAttestation.privateKey(), "not the statement".getBytes());
            f.assertRefused(ErrorCode.INVALID_SIGNATURE, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(fresh), Hashes.hex(raw))));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(fresh), "zz")));
        }

        @Test
        void onlyABureauRates() {
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.preview(f.cqInspector, CQ_FIRM, 2026, "", ""));
        }

        @Test
        void theEffectiveLevelIsTheWorseOfTheRegionsLatestRatings() {
            f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "");
            f.penalized(f.cdInspector, CQ_FIRM, "WAGE_ARREARS", "2026-05-05");
            f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "", "");
            @SuppressWarnings("unchecked")
            Map<String, Object> effective = Json.read(f.network.<String>evaluate(f.cqInspector,
                    ctx -> f.ratings.getEffectiveLevel(ctx, CQ_FIRM)), Map.class);
            assertThat(effective.get("effectiveLevel")).isEqualTo("B");
            assertThat(effective.get("latestLevels")).isEqualTo(Map.of("CD", "B", "CQ", "A"));
            CreditRating again = f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "", "");
            assertThat(again.revision()).isEqualTo(2);
        }
    }

    @Nested
    class Replay {

        @Test
        void eachStatementNamesItsRevisionAndTheStoredRatingItReplaces() {
            CreditRating first = f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "");
            assertThat(first.statement().revision()).isEqualTo(1);
            assertThat(first.statement().replacesRatingHash()).isNull();
            byte[] stored = f.network.ledger().stateSnapshot().entrySet().stream()
                    .filter(e -> e.getKey().contains("credit.rating") && e.getKey().contains(CQ_FIRM))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            CreditRatingStatement next = f.preview(f.cqBureau, CQ_FIRM, 2026, "B", "complaints at year end");
            assertThat(next.revision()).isEqualTo(2);
            assertThat(next.replacesRatingHash()).isEqualTo(Hashes.sha256Hex(stored));
        }

        @Test
        void anEarlierSignedStatementCannotBeSubmittedAgainToRevertARating() {
            CreditRatingStatement lenient = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            String lenientSig = Hashes.hex(CreditRatingStatement.sign(lenient, f.cqAttestation.privateKey()));
            f.network.<String>invoke(f.cqBureau, ctx -> f.ratings.recordRating(ctx, Json.write(lenient), lenientSig));
            CreditRating stricter = f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "C",
                    "refused the inspection order in December");
            assertThat(stricter.revision()).isEqualTo(2);
            // Both the lenient statement and its signature are public on the ledger; any bureau
            // account of the region could submit them again.
            var otherBureauAccount = cn.cdcq.registry.chaincode.testing.TestIdentities.user(CreditFixture.CQ_MSP,
                    "cq-bureau-night-shift", Map.of("role", "bureau"));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(otherBureauAccount,
                    ctx -> f.ratings.recordRating(ctx, Json.write(lenient), lenientSig)));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(lenient), lenientSig)));
            CreditRating current = CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.ratings.getRating(ctx, CQ_FIRM, "CQ", "2026")), CreditRating.class);
            assertThat(current.statement().level()).isEqualTo(CreditLevel.C);
        }

        /**
         * A rating recorded before revisions existed (a ledger upgraded from before the trust
         * rules; scripts/upgrade-test.sh found it unreadable): its statement has neither
         * {@code revision} nor {@code replacesRatingHash}. It must read, its signature must still
         * verify over the bytes as they were signed, the next rating follows it, and the old
         * statement can never be submitted again.
         */
        @Test
        void aRatingFromBeforeRevisionsReadsVerifiesAndIsFollowedButNeverReplayed() {
            CreditRating current = f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "");
            CreditRatingStatement s = current.statement();
            CreditRatingStatement legacy = new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(),
                    s.level(), s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(),
                    null, null);
            byte[] signedBytes = CreditRatingStatement.bytesToSign(legacy);
            assertThat(new String(signedBytes, java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("revision").doesNotContain("replacesRatingHash");
            String legacySig = Hashes.hex(CreditRatingStatement.sign(legacy, f.cqAttestation.privateKey()));
            String stored = "{\"ratedAt\":\"2026-06-01T00:00:00Z\",\"ratedBy\":\"" + CreditFixture.CQ_MSP
                    + "/cq-bureau\",\"revision\":1,\"signatureHex\":\"" + legacySig + "\",\"statement\":"
                    + new String(signedBytes, java.nio.charset.StandardCharsets.UTF_8) + "}";
            String key = f.network.ledger().stateSnapshot().keySet().stream()
                    .filter(k -> k.contains("credit.rating") && k.contains(CQ_FIRM)).findFirst().orElseThrow();
            f.network.invokeVoid(f.cqBureau, ctx -> ctx.getStub().putState(key, stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

            CreditRating read = CreditFixture.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.ratings.getRating(ctx, CQ_FIRM, "CQ", "2026")), CreditRating.class);
            assertThat(read.statement().revision()).isNull();
            assertThat(CreditRatingStatement.verify(read.statement(), f.cqAttestation.certificate().getPublicKey(),
                    Hashes.fromHex(read.signatureHex()))).as("the legacy signature over the bytes as signed").isTrue();
            assertThat(f.network.<String>evaluate(f.cdBureau, ctx -> f.ratings.listRatings(ctx, CQ_FIRM))).contains(legacySig);

            CreditRatingStatement next = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            assertThat(next.revision()).isEqualTo(2);
            assertThat(next.replacesRatingHash()).isEqualTo(Hashes.sha256Hex(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(legacy), legacySig)));
            assertThat(f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "").revision()).isEqualTo(2);
        }

        @Test
        void aStatementThatSkipsOrRepeatsARevisionIsRefusedEvenWhenSignedByTheRightKey() {
            f.rate(f.cqBureau, f.cqAttestation, CQ_FIRM, 2026, "", "");
            CreditRatingStatement s = f.preview(f.cqBureau, CQ_FIRM, 2026, "", "");
            for (int revision : new int[] {1, 3}) {
                CreditRatingStatement forged = new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(),
                        s.ruleLevel(), s.level(), s.overrideReason(), s.countedViolationIds(), s.ruleReasons(),
                        s.attestationSequence(), revision, s.replacesRatingHash());
                String sig = Hashes.hex(CreditRatingStatement.sign(forged, f.cqAttestation.privateKey()));
                f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                        ctx -> f.ratings.recordRating(ctx, Json.write(forged), sig)));
            }
            CreditRatingStatement wrongParent = new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(),
                    s.ruleLevel(), s.level(), s.overrideReason(), s.countedViolationIds(), s.ruleReasons(),
                    s.attestationSequence(), s.revision(), CreditFixture.hash("another rating"));
            String sig = Hashes.hex(CreditRatingStatement.sign(wrongParent, f.cqAttestation.privateKey()));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.ratings.recordRating(ctx, Json.write(wrongParent), sig)));
        }
    }
}
