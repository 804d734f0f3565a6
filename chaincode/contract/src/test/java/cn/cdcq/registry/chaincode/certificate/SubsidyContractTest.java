package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.OCCUPATION;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static org.assertj.core.api.Assertions.assertThat;

class SubsidyContractTest {

    private final CertificateWorld world = new CertificateWorld();
    private final SubsidyContract contract = world.subsidy;

    private SubsidyClaimOutcome claim(TestIdentity bureau, String number, long fen, String paidDate) {
        String json = Json.write(new SubsidyClaimRequest(number, fen, paidDate, "PAY-2026-001"));
        return Json.read(world.network.<String>invoke(bureau, ctx -> contract.claim(ctx, json)), SubsidyClaimOutcome.class);
    }

    @Test
    void theFirstClaimIsRecordedWithTheHolderOccupationAndLevelOfTheCertificate() {
        CertificateClaims certificate = claims("CQ", 1, 1);
        world.issue(certificate);
        SubsidyClaimOutcome outcome = claim(world.cqBureau, certificate.number(), 150_000, "2026-01-01");
        assertThat(outcome.accepted()).isTrue();
        SubsidyClaim claim = outcome.claim();
        assertThat(claim.holderPseudonym()).isEqualTo(certificate.holderPseudonym());
        assertThat(claim.occupation()).isEqualTo(OCCUPATION);
        assertThat(claim.level()).isEqualTo(4);
        assertThat(claim.region()).isEqualTo("CQ");
        EmittedEvent event = world.network.lastEvent().orElseThrow();
        assertThat(event.name()).isEqualTo("SubsidyClaimed");
        assertThat(event.payloadAsString()).doesNotContain(certificate.holderPseudonym(), "150000");
        SubsidyClaim found = Json.read(world.network.<String>evaluate(world.cdBureau,
                ctx -> contract.getClaimForCertificate(ctx, certificate.number())), SubsidyClaim.class);
        assertThat(found).isEqualTo(claim);
    }

    @Test
    void aSecondClaimForTheSameHolderOccupationAndLevelInEitherRegionIsRefusedNamingTheFirst() {
        CertificateClaims inCq = claims("CQ", 1, 1);
        CertificateClaims inCd = claims("CD", 2, 1); // the same person, trained again in Chengdu
        world.issue(inCq);
        world.issue(inCd);
        SubsidyClaim first = claim(world.cqBureau, inCq.number(), 150_000, "2026-01-01").claim();

        SubsidyClaimOutcome second = claim(world.cdBureau, inCd.number(), 120_000, "2026-01-01");
        assertThat(second.accepted()).isFalse();
        assertThat(second.outcome()).isEqualTo(SubsidyClaimOutcome.Outcome.REFUSED);
        assertThat(second.claim()).isNull();
        assertThat(second.refusal().earlierClaimId()).isEqualTo(first.claimId());
        assertThat(second.refusal().earlierRegion()).isEqualTo("CQ");
        assertThat(second.refusal().earlierPaidDate()).isEqualTo("2026-01-01");
        assertThat(Json.write(second)).doesNotContain(inCq.number(), "150000", inCq.holderPseudonym());
        EmittedEvent event = world.network.lastEvent().orElseThrow();
        assertThat(event.name()).isEqualTo("SubsidyClaimRefused");
        assertThat(event.payloadAsString()).contains(first.claimId()).doesNotContain(inCq.holderPseudonym());
        SubsidyClaimOutcome.Refusal recorded = Json.read(world.network.<String>evaluate(world.cqBureau,
                ctx -> contract.getRefusal(ctx, second.refusal().refusalId())), SubsidyClaimOutcome.Refusal.class);
        assertThat(recorded).isEqualTo(second.refusal());

        assertThat(claim(world.cqBureau, inCq.number(), 150_000, "2026-01-01").accepted()).isFalse();
    }

    @Test
    void anotherLevelOrPersonIsAClaimOfItsOwn() {
        CertificateClaims level4 = claims("CQ", 1, 1);
        CertificateClaims level3 = claims("CQ", 2, 1, OCCUPATION, 3);
        CertificateClaims someoneElse = claims("CQ", 3, 2);
        world.issue(level4);
        world.issue(level3);
        world.issue(someoneElse);
        assertThat(claim(world.cqBureau, level4.number(), 1, "2026-01-01").accepted()).isTrue();
        assertThat(claim(world.cqBureau, level3.number(), 1, "2026-01-01").accepted()).isTrue();
        assertThat(claim(world.cqBureau, someoneElse.number(), 1, "2026-01-01").accepted()).isTrue();
    }

    @Test
    void aProfessionalTitleIsRefusedTheTrainingSubsidyAndASpecialAbilityIsPaid() {
        world.accreditEveryKind();
        CertificateClaims title = CertificateWorld.titleClaims("CQ", 1, 1, 2);
        CertificateClaims ability = CertificateWorld.abilityClaims("CQ", 1, 1);
        world.issue(title);
        world.issue(ability);
        world.refused(() -> claim(world.cqBureau, title.number(), 150_000, "2026-01-01"), ErrorCode.INVALID_INPUT,
                "is a professional title certificate (职称证书); the vocational training subsidy is paid only for");
        world.refused(() -> world.network.<String>evaluate(world.cdBureau, ctx -> contract.getClaimForCertificate(ctx,
                title.number())), ErrorCode.NOT_FOUND, "no subsidy has been claimed");
        SubsidyClaimOutcome paid = claim(world.cqBureau, ability.number(), 80_000, "2026-01-01");
        assertThat(paid.accepted()).isTrue();
        assertThat(paid.claim().level()).isZero();
    }

    @Test
    void refusesBadInputAndCertificatesThatAreNotValid() {
        CertificateClaims certificate = claims("CQ", 1, 1);
        world.issue(certificate);
        world.refused(() -> claim(world.cqBureau, certificate.number(), 0, "2026-01-01"), ErrorCode.INVALID_INPUT,
                "amountFen 0 is out of range");
        world.refused(() -> claim(world.cqBureau, certificate.number(), 100, "2026-02-30"), ErrorCode.INVALID_INPUT,
                "not a real calendar date");
        world.refused(() -> claim(world.cqCenter, certificate.number(), 100, "2026-01-01"), ErrorCode.FORBIDDEN,
                "needs the role bureau");
        world.refused(() -> claim(world.cqBureau, CertificateWorld.number("CQ", 4, 99), 100, "2026-01-01"),
                ErrorCode.NOT_FOUND, "no certificate with number");
        world.network.invoke(world.cqBureau, ctx -> world.certificates.suspend(ctx, certificate.number(), "OTHER", "x"));
        world.refused(() -> claim(world.cdBureau, certificate.number(), 100, "2026-01-01"), ErrorCode.CONFLICT,
                "is SUSPENDED");
    }
}
