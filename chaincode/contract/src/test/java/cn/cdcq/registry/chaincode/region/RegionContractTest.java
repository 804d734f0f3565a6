package cn.cdcq.registry.chaincode.region;

import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.chaincode.testing.TestNetwork;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionProposal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionContractTest {

    private final RegionContract contract = new RegionContract();
    private TestNetwork network;
    private final TestIdentity cdBureau = TestIdentities.user("OrgAlphaMSP", "cd-bureau", Map.of("role", "bureau"));
    private final TestIdentity cqBureau = TestIdentities.user("OrgBetaMSP", "cq-bureau", Map.of("role", "bureau"));
    private final TestIdentity cqCenter = TestIdentities.user("OrgBetaMSP", "cq-center",
            Map.of("role", "training_center", "centerId", "X"));
    private final TestIdentity outsider = TestIdentities.user("OrgGammaMSP", "gamma-bureau", Map.of("role", "bureau"));

    @BeforeEach
    void freshLedger() {
        network = new TestNetwork().endorsingPeers("OrgAlphaMSP", "OrgBetaMSP");
    }

    private String pem(TestIdentity who) {
        return who.certificatePem();
    }

    private RegionProposal propose(TestIdentity who, String code) {
        return Json.read(network.<String>invoke(who, ctx -> contract.proposeRegistration(ctx, code, code + " bureau", pem(who))),
                RegionProposal.class);
    }

    private RegionProposal approve(TestIdentity who, String id) {
        return Json.read(network.<String>invoke(who, ctx -> contract.approve(ctx, id)), RegionProposal.class);
    }

    private List<Region> regions() {
        return Json.readList(network.<String>evaluate(cqCenter, ctx -> contract.listRegions(ctx)), Region.class);
    }

    private void bootstrap() {
        RegionProposal cd = propose(cdBureau, "CD");
        RegionProposal cq = propose(cqBureau, "CQ");
        approve(cqBureau, cd.id());
        approve(cdBureau, cq.id());
    }

    private static ErrorCode codeOf(Throwable t) {
        return ((RegistryException) t).code();
    }

    @Nested
    class Bootstrap {

        @Test
        void aRegistrationIsPendingUntilAnotherOrganizationApproves() {
            RegionProposal cd = propose(cdBureau, "CD");
            assertThat(cd.status()).isEqualTo(RegionProposal.Status.PENDING);
            assertThat(regions()).isEmpty();
            propose(cqBureau, "CQ");
            RegionProposal approved = approve(cqBureau, cd.id());
            assertThat(approved.status()).isEqualTo(RegionProposal.Status.APPROVED);
            assertThat(regions()).extracting(Region::code).containsExactly("CD");
            assertThat(network.lastEvent()).map(EmittedEvent::name).hasValue("RegionRegistered");
        }

        @Test
        void regionsMapToWhateverMspTheyCameInWith() {
            bootstrap();
            Region cq = Json.read(network.<String>evaluate(cdBureau, ctx -> contract.getRegionOfMsp(ctx, "OrgBetaMSP")), Region.class);
            assertThat(cq.code()).isEqualTo("CQ");
            assertThat(cq.attestationSequence()).isEqualTo(1);
        }

        @Test
        void anOrganizationWithoutAProposalOfItsOwnCannotApproveTheFirstRegion() {
            RegionProposal cd = propose(cdBureau, "CD");
            assertThatThrownBy(() -> approve(outsider, cd.id()))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.FORBIDDEN));
        }

        @Test
        void onceRegionsAreInForceEveryOneOfThemMustApproveANewcomer() {
            bootstrap();
            RegionProposal gamma = propose(outsider, "GZ");
            RegionProposal half = approve(cdBureau, gamma.id());
            assertThat(half.status()).isEqualTo(RegionProposal.Status.PENDING);
            assertThat(approve(cqBureau, gamma.id()).status()).isEqualTo(RegionProposal.Status.APPROVED);
            assertThat(regions()).extracting(Region::code).containsExactly("CD", "CQ", "GZ");
        }
    }

    @Nested
    class Rotation {

        @Test
        void keepsTheOldCertificateWithItsTermAndSwitchesAtApproval() {
            bootstrap();
            TestIdentity newKey = TestIdentities.user("OrgAlphaMSP", "cd-attestation-2", Map.of());
            RegionProposal p = Json.read(network.<String>invoke(cdBureau, ctx -> contract.proposeRotation(ctx, newKey.certificatePem())),
                    RegionProposal.class);
            network.advanceClock(Duration.ofDays(30));
            approve(cqBureau, p.id());
            List<AttestationCertificate> history = Json.readList(
                    network.<String>evaluate(cqBureau, ctx -> contract.getAttestationCertificates(ctx, "CD")), AttestationCertificate.class);
            assertThat(history).hasSize(2);
            assertThat(history.get(0).validTo()).isEqualTo(history.get(1).validFrom());
            assertThat(history.get(1).validTo()).isNull();
            assertThat(history.get(1).fingerprint()).isEqualTo(Signatures.fingerprint(newKey.certificate()));
            assertThat(history.get(0).coversInstant(history.get(0).validFrom())).isTrue();
            assertThat(history.get(0).coversInstant(history.get(1).validFrom())).isFalse();
            assertThat(network.lastEvent()).map(EmittedEvent::name).hasValue("AttestationRotated");
        }

        @Test
        void reusingAnEarlierCertificateIsRefused() {
            bootstrap();
            assertThatThrownBy(() -> network.invoke(cdBureau, ctx -> contract.proposeRotation(ctx, cdBureau.certificatePem())))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.CONFLICT));
        }

        @Test
        void aRegionCannotApproveItsOwnRotation() {
            bootstrap();
            TestIdentity newKey = TestIdentities.user("OrgAlphaMSP", "cd-attestation-2", Map.of());
            RegionProposal p = Json.read(network.<String>invoke(cdBureau, ctx -> contract.proposeRotation(ctx, newKey.certificatePem())),
                    RegionProposal.class);
            assertThatThrownBy(() -> approve(cdBureau, p.id()))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.FORBIDDEN))
                    .hasMessageContaining("own proposal");
        }
    }

    @Nested
    class Refusals {

        @Test
        void onlyABureauMayPropose() {
            assertThatThrownBy(() -> propose(cqCenter, "CQ"))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.FORBIDDEN))
                    .hasMessageContaining("training_center");
        }

        @Test
        void aMalformedRegionCodeIsRefusedAndNothingIsWritten() {
            assertThatThrownBy(() -> propose(cdBureau, "chengdu"))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.INVALID_INPUT));
            assertThat(network.ledger().stateSnapshot()).isEmpty();
        }

        @Test
        void garbageInsteadOfACertificateIsRefused() {
            assertThatThrownBy(() -> network.invoke(cdBureau, ctx -> contract.proposeRegistration(ctx, "CD", "x", "not a pem")))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.INVALID_INPUT));
        }

        @Test
        void anOrganizationActsForOneRegionOnly() {
            bootstrap();
            assertThatThrownBy(() -> propose(cdBureau, "XX"))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.ALREADY_EXISTS));
        }

        @Test
        void onlyTheProposerMayWithdraw() {
            RegionProposal cd = propose(cdBureau, "CD");
            assertThatThrownBy(() -> network.invoke(cqBureau, ctx -> contract.withdraw(ctx, cd.id())))
                    .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.FORBIDDEN));
            String withdrawn = network.invoke(cdBureau, ctx -> contract.withdraw(ctx, cd.id()));
            assertThat(Json.read(withdrawn, RegionProposal.class).status()).isEqualTo(RegionProposal.Status.WITHDRAWN);
        }
    }
}
