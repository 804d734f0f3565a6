package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.credit.BlacklistContract;
import cn.cdcq.registry.chaincode.credit.RatingContract;
import cn.cdcq.registry.chaincode.credit.SpotCheckContract;
import cn.cdcq.registry.chaincode.credit.ViolationContract;
import cn.cdcq.registry.chaincode.enterprise.EnterpriseContract;
import cn.cdcq.registry.chaincode.settings.SettingsContract;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_MSP;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_MSP;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.OCCUPATION;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.withCheck;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The joint restrictions of docs/joint-measures.md as the certificate contracts apply them: a
 * wage-arrears listing or a C rating by either region bars accreditation and training subsidies
 * in both, names the record, and changes nothing.
 */
class JointMeasuresTest {

    /** A Chengdu organization not yet accredited. */
    static final String NEW_CENTER = withCheck("52510100MJ0000009");

    private final CertificateWorld world = new CertificateWorld();
    private final EnterpriseContract enterprises = new EnterpriseContract();
    private final ViolationContract violations = new ViolationContract();
    private final BlacklistContract blacklist = new BlacklistContract();
    private final RatingContract ratings = new RatingContract();
    private final SpotCheckContract spotchecks = new SpotCheckContract();
    private final SettingsContract settings = new SettingsContract();
    private final TestIdentity cdInspector = TestIdentities.user(CD_MSP, "inspector1",
            Map.of("role", "inspector", "inspectorId", "CD-INS-0001"));

    JointMeasuresTest() {
        world.network.invoke(world.cdBureau, ctx -> spotchecks.registerInspector(ctx, "CD-INS-0001"));
        world.network.invoke(cdInspector, ctx -> spotchecks.confirmInspector(ctx, "CD-INS-0001"));
        world.network.invoke(world.cqBureau, ctx -> spotchecks.registerInspector(ctx, "CQ-INS-0001"));
        world.network.invoke(world.cqInspector, ctx -> spotchecks.confirmInspector(ctx, "CQ-INS-0001"));
        world.network.invoke(world.cdBureau, ctx -> enterprises.registerEnterprise(ctx, NEW_CENTER, "Chengdu New Skills School", "false", "OTHER"));
        world.network.invoke(world.cqBureau, ctx -> enterprises.registerEnterprise(ctx, CQ_CENTER, "Chongqing Vocational Skills Center", "false", ""));
    }

    private Violation violation(TestIdentity inspector, String uscc, String type, long fen) {
        String json = "{\"uscc\":\"" + uscc + "\",\"type\":\"" + type + "\",\"amountFen\":" + fen
                + ",\"workersAffected\":30,\"decisionDate\":\"2026-01-01\",\"decisionDocumentHash\":\""
                + Hashes.sha256Hex((uscc + type + fen).getBytes()) + "\",\"major\":false,\"massIncident\":false,"
                + "\"status\":\"PENALIZED\"}";
        return Json.read(world.network.<String>invoke(inspector, ctx -> violations.recordViolation(ctx, json)), Violation.class);
    }

    /** {@code bureau}'s region lists {@code uscc} for a wage-arrears violation its inspector recorded. */
    private WageArrearsListing listed(TestIdentity bureau, TestIdentity inspector, String uscc) {
        world.network.invoke(bureau, ctx -> settings.setWageArrearsThreshold(ctx, "1000000"));
        Violation v = violation(inspector, uscc, "WAGE_ARREARS", 5_000_000);
        String json = "{\"violationId\":\"" + v.id() + "\",\"orderIgnored\":true,\"responsiblePersonPseudonyms\":[]}";
        return Json.read(world.network.<String>invoke(bureau, ctx -> blacklist.list(ctx, json)), WageArrearsListing.class);
    }

    private CreditRating rate(TestIdentity bureau, TestIdentity attestation, String uscc, String level, String reason) {
        CreditRatingStatement s = Json.read(world.network.<String>evaluate(bureau,
                ctx -> ratings.previewRating(ctx, uscc, "2026", level, reason)), CreditRatingStatement.class);
        String sig = Hashes.hex(CreditRatingStatement.sign(s, attestation.privateKey()));
        return Json.read(world.network.<String>invoke(bureau, ctx -> ratings.recordRating(ctx, Json.write(s), sig)),
                CreditRating.class);
    }

    private String accreditJson(String centerId) {
        return Json.write(new AccreditationRequest(centerId, "Chengdu New Skills School",
                List.of(new AccreditationScope(OCCUPATION, 3)), "2026-01-01", "2027-12-31"));
    }

    private CreditProfile profile(String uscc) {
        return Json.read(world.network.<String>evaluate(world.cdBureau, ctx -> enterprises.getCreditProfile(ctx, uscc)),
                CreditProfile.class);
    }

    @Nested
    class Accreditation_ {

        @Test
        void aCenterListedByTheOtherRegionIsRefusedNamingTheListingAndNothingChanges() {
            WageArrearsListing listing = listed(world.cqBureau, world.cqInspector, NEW_CENTER);
            String json = accreditJson(NEW_CENTER);
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> world.accreditation.accredit(ctx, json)),
                    ErrorCode.JOINTLY_RESTRICTED, "listing " + listing.id());
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> world.accreditation.accredit(ctx, json)),
                    ErrorCode.JOINTLY_RESTRICTED, "wage-arrears list of region CQ");
        }

        @Test
        void aCenterRatedCByTheOtherRegionIsRefusedUntilThatRegionRatesItAgainAboveC() {
            violation(world.cqInspector, NEW_CENTER, "CHILD_LABOR", 0);
            CreditRating c = rate(world.cqBureau, world.cqAttestation, NEW_CENTER, "", "");
            assertThat(c.statement().level()).isEqualTo(CreditLevel.C);
            String json = accreditJson(NEW_CENTER);
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> world.accreditation.accredit(ctx, json)),
                    ErrorCode.JOINTLY_RESTRICTED, "rated C by region CQ (rating " + NEW_CENTER + "/CQ/2026/r1");

            rate(world.cqBureau, world.cqAttestation, NEW_CENTER, "B", "decision annulled on administrative review");
            Accreditation granted = Json.read(world.network.<String>invoke(world.cdBureau,
                    ctx -> world.accreditation.accredit(ctx, json)), Accreditation.class);
            assertThat(granted.status()).isEqualTo(AccreditationStatus.ACTIVE);
        }

        @Test
        void anAccreditedCenterListedLaterCannotBeAmendedOrReinstatedButCanStillBeSuspended() {
            WageArrearsListing listing = listed(world.cdBureau, cdInspector, CQ_CENTER);
            String amend = Json.write(new AccreditationRequest(CQ_CENTER, "Chongqing Vocational Skills Center",
                    List.of(new AccreditationScope(OCCUPATION, 2)), "2025-01-01", "2028-12-31"));
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> world.accreditation.amend(ctx, amend)),
                    ErrorCode.JOINTLY_RESTRICTED, "listing " + listing.id());
            world.network.invoke(world.cqBureau, ctx -> world.accreditation.suspend(ctx, CQ_CENTER,
                    "OTHER", "joint restriction: listed for wage arrears"));
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> world.accreditation.reinstate(ctx, CQ_CENTER,
                    "OTHER", "try")), ErrorCode.JOINTLY_RESTRICTED, "region CD");
        }

        @Test
        void theRestrictionEndsWithTheListingsTerm() {
            listed(world.cqBureau, world.cqInspector, NEW_CENTER);
            world.network.advanceClock(Duration.ofDays(3 * 366));
            String json = Json.write(new AccreditationRequest(NEW_CENTER, "Chengdu New Skills School",
                    List.of(new AccreditationScope(OCCUPATION, 3)), "2029-01-01", "2030-12-31"));
            assertThat(Json.read(world.network.<String>invoke(world.cdBureau, ctx -> world.accreditation.accredit(ctx, json)),
                    Accreditation.class).status()).isEqualTo(AccreditationStatus.ACTIVE);
        }
    }

    @Nested
    class Subsidies {

        @Test
        void noSubsidyForCertificatesOfACenterListedInEitherRegionAndNoRefusalIsRecorded() {
            CertificateClaims certificate = claims("CQ", 1, 1);
            world.issue(certificate);
            WageArrearsListing listing = listed(world.cdBureau, cdInspector, CQ_CENTER);
            String json = Json.write(new SubsidyClaimRequest(certificate.number(), 150_000, "2026-01-01", "PAY-1"));
            for (TestIdentity bureau : List.of(world.cqBureau, world.cdBureau)) {
                world.refused(() -> world.network.invoke(bureau, ctx -> world.subsidy.claim(ctx, json)),
                        ErrorCode.JOINTLY_RESTRICTED, "listing " + listing.id());
            }
        }

        @Test
        void aCenterWithoutRecordsIsPaidAsBefore() {
            CertificateClaims certificate = claims("CQ", 1, 1);
            world.issue(certificate);
            violation(cdInspector, CQ_CENTER, "ILLEGAL_OVERTIME", 0); // penalized once: B, not restricted
            String json = Json.write(new SubsidyClaimRequest(certificate.number(), 150_000, "2026-01-01", "PAY-1"));
            assertThat(Json.read(world.network.<String>invoke(world.cqBureau, ctx -> world.subsidy.claim(ctx, json)),
                    SubsidyClaimOutcome.class).accepted()).isTrue();
        }
    }

    @Nested
    class Profile {

        @Test
        void showsEachRestrictionInForceWithItsRecord() {
            WageArrearsListing listing = listed(world.cqBureau, world.cqInspector, NEW_CENTER);
            CreditProfile p = profile(NEW_CENTER);
            assertThat(p.restrictions()).containsExactly(new JointRestriction(JointRestriction.Cause.WAGE_ARREARS_LISTING,
                    listing.id(), "CQ", listing.listedOn(), listing.expiresOn()));
        }

        @Test
        void showsAnARatedEnterpriseIsDrawnLessOftenWhenItsRegionWeighsALessThanB() {
            world.network.invoke(world.cdBureau, ctx -> spotchecks.setWeights(ctx, "{\"a\":1,\"b\":3,\"c\":6,\"unrated\":3}"));
            assertThat(profile(NEW_CENTER).spotCheckWeighting().drawnLessOften()).isFalse(); // unrated
            rate(world.cdBureau, world.cdAttestation, NEW_CENTER, "", "");
            CreditProfile p = profile(NEW_CENTER);
            assertThat(p.effectiveLevel()).isEqualTo(CreditLevel.A);
            assertThat(p.restrictions()).isEmpty();
            assertThat(p.spotCheckWeighting().registerRegion()).isEqualTo("CD");
            assertThat(p.spotCheckWeighting().weight()).isEqualTo(1);
            assertThat(p.spotCheckWeighting().drawnLessOften()).isTrue();

            world.network.invoke(world.cdBureau, ctx -> spotchecks.setWeights(ctx, "{\"a\":2,\"b\":2,\"c\":6,\"unrated\":3}"));
            assertThat(profile(NEW_CENTER).spotCheckWeighting().drawnLessOften()).isFalse();
        }
    }
}
