package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.OCCUPATION;
import static org.assertj.core.api.Assertions.assertThat;

class AccreditationContractTest {

    private final CertificateWorld world = new CertificateWorld();
    private final AccreditationContract contract = world.accreditation;
    private static final String NEW_CENTER = CertificateWorld.withCheck("52500000MJ0000099");

    private Accreditation get(String centerId) {
        return Json.read(world.network.<String>evaluate(world.cqInspector, ctx -> contract.getAccreditation(ctx, centerId)),
                Accreditation.class);
    }

    private static String request(String centerId, String validTo) {
        return Json.write(new AccreditationRequest(centerId, "Center", List.of(new AccreditationScope(OCCUPATION, 2)),
                "2025-01-01", validTo));
    }

    @Nested
    class Accredit {

        @Test
        void aBureauAccreditsACenterOfItsOwnRegion() {
            Accreditation a = world.accredit(world.cqBureau, NEW_CENTER, "Yuzhong Training School");
            assertThat(a.region()).isEqualTo("CQ");
            assertThat(a.status()).isEqualTo(AccreditationStatus.ACTIVE);
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.accreditedBy()).isEqualTo("ChongqingMSP/bureau");
            assertThat(world.lastEventName()).isEqualTo("CenterAccredited");
            List<Accreditation> cq = Json.readList(world.network.<String>evaluate(world.cdBureau,
                    ctx -> contract.listAccreditations(ctx, "CQ")), Accreditation.class);
            assertThat(cq).extracting(Accreditation::centerId).containsExactlyInAnyOrder(CQ_CENTER, NEW_CENTER);
        }

        @Test
        void aCenterIsAccreditedByOneRegionOnly() {
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.accredit(ctx,
                    request(CQ_CENTER, "2027-12-31"))), ErrorCode.ALREADY_EXISTS, "only region CQ may change it");
        }

        @Test
        void onlyABureauAccredits() {
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.accredit(ctx,
                    request(NEW_CENTER, "2027-12-31"))), ErrorCode.FORBIDDEN, "training_center");
        }

        @Test
        void anOrganizationOfNoRegionCannotAccredit() {
            TestIdentity outsider = TestIdentities.user("OutsiderMSP", "bureau", Map.of("role", "bureau"));
            world.refused(() -> world.network.invoke(outsider, ctx -> contract.accredit(ctx,
                    request(NEW_CENTER, "2027-12-31"))), ErrorCode.FORBIDDEN, "acts for no registered region");
        }

        @Test
        void aUsccWithAWrongCheckCharacterIsRefused() {
            String wrong = NEW_CENTER.substring(0, 17) + (NEW_CENTER.endsWith("1") ? "2" : "1");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.accredit(ctx,
                    request(wrong, "2027-12-31"))), ErrorCode.INVALID_INPUT, "check character should be");
        }

        @Test
        void aMalformedUsccIsRefused() {
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.accredit(ctx,
                    request("91500000MA5U7Q1K3", "2027-12-31"))), ErrorCode.INVALID_INPUT, "must be 18 characters");
        }

        @Test
        void anUnknownFieldIsRefused() {
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.accredit(ctx,
                    "{\"centerId\":\"" + NEW_CENTER + "\",\"name\":\"x\",\"scopes\":[],\"validFrom\":\"2025-01-01\","
                            + "\"validTo\":\"2026-01-01\",\"region\":\"CD\"}")), ErrorCode.INVALID_INPUT, "unknown field \"region\"");
        }
    }

    @Nested
    class Changes {

        @Test
        void suspendReinstateAndRevokeEachRaiseTheVersionAndRevocationIsFinal() {
            world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, CQ_CENTER, "INSPECTION_FINDINGS", "Spot check found gaps"));
            assertThat(get(CQ_CENTER).status()).isEqualTo(AccreditationStatus.SUSPENDED);
            assertThat(world.lastEventName()).isEqualTo("AccreditationStatusChanged");
            world.network.invoke(world.cqBureau, ctx -> contract.reinstate(ctx, CQ_CENTER, "ISSUES_RESOLVED", "Gaps closed"));
            world.network.invoke(world.cqBureau, ctx -> contract.revoke(ctx, CQ_CENTER, "CEASED_OPERATION", "Closed down"));
            Accreditation revoked = get(CQ_CENTER);
            assertThat(revoked.status()).isEqualTo(AccreditationStatus.REVOKED);
            assertThat(revoked.version()).isEqualTo(4);
            assertThat(revoked.statusReasonCode()).isEqualTo("CEASED_OPERATION");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.reinstate(ctx, CQ_CENTER,
                    "ISSUES_RESOLVED", "x")), ErrorCode.CONFLICT, "revocation is final");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.amend(ctx,
                    request(CQ_CENTER, "2029-12-31"))), ErrorCode.CONFLICT, "revoked");
        }

        @Test
        void onlyTheAccreditingRegionMayChangeIt() {
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, CQ_CENTER,
                    "QUALITY_CONCERN", "Complaints")), ErrorCode.FORBIDDEN, "only that region may change");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.amend(ctx,
                    request(CQ_CENTER, "2029-12-31"))), ErrorCode.FORBIDDEN, "accredited by region CQ");
        }

        @Test
        void aReasonCodeMustBeFromTheListAndTheTextPresent() {
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, CD_CENTER,
                    "BECAUSE", "x")), ErrorCode.INVALID_INPUT, "choose one of INSPECTION_FINDINGS");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, CD_CENTER,
                    "OTHER", " ")), ErrorCode.INVALID_INPUT, "reason is missing");
        }

        @Test
        void amendingReplacesTheTermsAndKeepsTheStatus() {
            world.network.invoke(world.cdBureau, ctx -> contract.amend(ctx, request(CD_CENTER, "2030-12-31")));
            Accreditation amended = get(CD_CENTER);
            assertThat(amended.validTo()).isEqualTo("2030-12-31");
            assertThat(amended.scopes()).containsExactly(new AccreditationScope(OCCUPATION, 2));
            assertThat(amended.version()).isEqualTo(2);
            assertThat(amended.status()).isEqualTo(AccreditationStatus.ACTIVE);
            assertThat(world.lastEventName()).isEqualTo("AccreditationAmended");
        }

        @Test
        void anUnknownCenterIsNotFound() {
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, NEW_CENTER,
                    "OTHER", "x")), ErrorCode.NOT_FOUND, "is not accredited");
        }
    }
}
