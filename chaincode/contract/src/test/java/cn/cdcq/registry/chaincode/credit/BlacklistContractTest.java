package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThat;

class BlacklistContractTest {

    /** 2026-03-10, 10:00 in Chengdu. */
    private final CreditFixture f = new CreditFixture(Instant.parse("2026-03-10T02:00:00Z"));
    private static final String BOSS = CreditFixture.hash("pseudonym of the legal representative");

    private Violation arrears(long fen, boolean mass) {
        return f.record(f.cdInspector, CQ_FIRM, "WAGE_ARREARS", fen, "2026-03-01", false, mass, "PENALIZED");
    }

    private String listingJson(String violationId, boolean orderIgnored) {
        return "{\"violationId\":\"" + violationId + "\",\"orderIgnored\":" + orderIgnored
                + ",\"responsiblePersonPseudonyms\":[\"" + BOSS + "\"]}";
    }

    private WageArrearsListing list(TestIdentity bureau, String violationId, boolean orderIgnored) {
        return CreditFixture.read(f.network.<String>invoke(bureau,
                ctx -> f.blacklist.list(ctx, listingJson(violationId, orderIgnored))), WageArrearsListing.class);
    }

    /** Chengdu's Order 45 threshold: 10,000 yuan. */
    @org.junit.jupiter.api.BeforeEach
    void chengduSetsItsThreshold() {
        f.setThreshold(f.cdBureau, 1_000_000);
    }

    private boolean listedAccordingTo(TestIdentity who) {
        return CreditFixture.read(f.network.<String>evaluate(who, ctx -> f.enterprises.getCreditProfile(ctx, CQ_FIRM)),
                CreditProfile.class).blacklisted();
    }

    private String removalJson(String listingId, boolean paid, String rectified, String pledge) {
        return "{\"listingId\":\"" + listingId + "\",\"wagesPaid\":" + paid + ",\"rectificationDate\":\"" + rectified + "\""
                + (pledge == null ? "" : ",\"pledgeDocumentHash\":\"" + pledge + "\"") + "}";
    }

    @Nested
    class Listing {

        @Test
        void needsAnIgnoredOrderAndTheThresholdOrAMassIncident() {
            Violation big = arrears(5_000_000, false);
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cdBureau, big.id(), false));
            Violation small = arrears(500_000, false);
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cdBureau, small.id(), true));
            f.setThreshold(f.cdBureau, 5_000_000);
            WageArrearsListing atThreshold = list(f.cdBureau, big.id(), true);
            assertThat(atThreshold.thresholdFen()).as("read from the ledger").isEqualTo(5_000_000);
            assertThat(atThreshold.listedOn()).isEqualTo("2026-03-10");
            assertThat(atThreshold.expiresOn()).isEqualTo("2029-03-10");
            Violation mass = arrears(10_000, true);
            assertThat(list(f.cdBureau, mass.id(), true).massIncident()).isTrue();
        }

        @Test
        void listedInOneRegionIsListedInBothWithoutPersonalDataInTheEvent() {
            assertThat(listedAccordingTo(f.cqBureau)).isFalse();
            Violation v = arrears(5_000_000, false);
            WageArrearsListing l = list(f.cdBureau, v.id(), true);
            assertThat(l.responsiblePersonPseudonyms()).containsExactly(BOSS);
            EmittedEvent event = f.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("EnterpriseBlacklisted");
            assertThat(event.payloadAsString()).doesNotContain(BOSS);
            assertThat(listedAccordingTo(f.cqBureau)).isTrue();
            assertThat(listedAccordingTo(f.cdInspector)).isTrue();
        }

        @Test
        void onlyTheEnforcingRegionListsAndOnlyForWageArrears() {
            Violation v = arrears(5_000_000, false);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> list(f.cqBureau, v.id(), true));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> list(f.cdInspector, v.id(), true));
            Violation overtime = f.record(f.cdInspector, CQ_FIRM, "ILLEGAL_OVERTIME", 5_000_000, "2026-03-01", false,
                    true, "PENALIZED");
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cdBureau, overtime.id(), true));
        }

        @Test
        void responsiblePersonsAppearOnlyAsPseudonyms() {
            Violation v = arrears(5_000_000, false);
            String withName = "{\"violationId\":\"" + v.id() + "\",\"orderIgnored\":true,"
                    + "\"responsiblePersonPseudonyms\":[\"Zhang San 510104199001011234\"]}";
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau, ctx -> f.blacklist.list(ctx, withName)));
        }

        @Test
        void theTermEndsAfterThreeYears() {
            Violation v = arrears(5_000_000, false);
            list(f.cdBureau, v.id(), true);
            f.network.setClock(Instant.parse("2029-03-09T02:00:00Z"));
            assertThat(listedAccordingTo(f.cqBureau)).isTrue();
            f.network.setClock(Instant.parse("2029-03-10T02:00:00Z"));
            assertThat(listedAccordingTo(f.cqBureau)).isFalse();
        }
    }

    @Nested
    class Threshold {

        @Test
        void theCallerCannotChooseTheThresholdAnyMore() {
            Violation small = arrears(100, false);
            String withThreshold = "{\"violationId\":\"" + small.id() + "\",\"orderIgnored\":true,\"thresholdFen\":1}";
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.list(ctx, withThreshold)));
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cdBureau, small.id(), true));
        }

        @Test
        void aRegionWithoutAThresholdOnTheLedgerCannotList() {
            Violation v = f.record(f.cqInspector, CQ_FIRM, "WAGE_ARREARS", 5_000_000, "2026-03-01", false, false,
                    "PENALIZED");
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cqBureau, v.id(), true));
        }

        @Test
        void eachRegionSetsOnlyItsOwnThresholdAndEveryRevisionIsKept() {
            // Chongqing lowering its own threshold to 1 fen does not touch Chengdu's standard.
            f.setThreshold(f.cqBureau, 1);
            Violation small = arrears(500_000, false);
            f.assertRefused(ErrorCode.CONFLICT, () -> list(f.cdBureau, small.id(), true));
            f.setThreshold(f.cdBureau, 400_000);
            assertThat(list(f.cdBureau, small.id(), true).thresholdFen()).isEqualTo(400_000);
            java.util.List<?> history = CreditFixture.read(f.network.<String>evaluate(f.cqBureau,
                    ctx -> f.settings.listWageArrearsThresholds(ctx, "CD")), java.util.List.class);
            assertThat(history).hasSize(2);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector,
                    ctx -> f.settings.setWageArrearsThreshold(ctx, "1")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.settings.setWageArrearsThreshold(ctx, "0")));
        }
    }

    @Nested
    class EarlyRemoval {

        @Test
        void needsWagesPaidSixMonthsSinceRectificationAndAPledge() {
            WageArrearsListing l = list(f.cdBureau, arrears(5_000_000, false).id(), true);
            String pledge = CreditFixture.hash("pledge");
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", pledge))));
            f.network.setClock(Instant.parse("2026-09-04T02:00:00Z"));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", pledge))));
            f.network.setClock(Instant.parse("2026-09-05T02:00:00Z"));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), false, "2026-03-05", pledge))));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", null))));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", pledge))));
            WageArrearsListing removed = CreditFixture.read(f.network.<String>invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", pledge))),
                    WageArrearsListing.class);
            assertThat(removed.status()).isEqualTo(WageArrearsListing.Status.REMOVED_EARLY);
            assertThat(removed.removal().removedOn()).isEqualTo("2026-09-05");
            assertThat(listedAccordingTo(f.cqBureau)).isFalse();
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2026-03-05", pledge))));
        }

        @Test
        void aRectificationDateInTheFutureIsRefused() {
            WageArrearsListing l = list(f.cdBureau, arrears(5_000_000, false).id(), true);
            f.network.advanceClock(Duration.ofDays(400));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.blacklist.removeEarly(ctx, removalJson(l.id(), true, "2030-01-01", CreditFixture.hash("p")))));
        }
    }
}
