package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.enterprise.EnterpriseContract;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionProposal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.withCheck;
import static org.assertj.core.api.Assertions.assertThat;

/** Jurisdiction from the USCC's division code and the certificate number's province code (issue 10, item 2). */
class JurisdictionTest {

    private final CertificateWorld w = new CertificateWorld();
    private final EnterpriseContract enterprises = new EnterpriseContract();

    private static final String CD_FIRM = withCheck("91510104MA6100001");
    private static final String CQ_FIRM = withCheck("91500103MA5U00002");
    private static final String BEIJING_FIRM = withCheck("91110108MA0000003");

    private RegionProposal propose(String bureauRegion, String prefixes) {
        return Json.read(w.network.<String>invoke(w.bureauOf(bureauRegion),
                ctx -> w.regions.proposeDivisions(ctx, prefixes)), RegionProposal.class);
    }

    private void agreeDivisions() {
        w.agreeDivisions();
    }

    private Region region(String code) {
        return Json.read(w.network.<String>evaluate(w.cqInspector, ctx -> w.regions.getRegion(ctx, code)), Region.class);
    }

    private Enterprise register(String bureauRegion, String uscc) {
        return Json.read(w.network.<String>invoke(w.bureauOf(bureauRegion),
                ctx -> enterprises.registerEnterprise(ctx, uscc, "Firm " + uscc.substring(8, 14), "false", "")), Enterprise.class);
    }

    @Nested
    class DivisionPrefixesOfTheRegions {

        @Test
        void areInForceOnlyWhenTheOtherRegionApproves() {
            assertThat(region("CD").divisionPrefixes()).as("registered before the rule: the documented default")
                    .isEmpty();
            RegionProposal p = propose("CD", "51");
            assertThat(region("CD").divisionPrefixes()).isEmpty();
            w.refused(() -> w.network.invoke(w.cdBureau, ctx -> w.regions.approve(ctx, p.id())), ErrorCode.FORBIDDEN,
                    "cannot approve its own proposal");
            w.network.invoke(w.cqBureau, ctx -> w.regions.approve(ctx, p.id()));
            assertThat(region("CD").divisionPrefixes()).containsExactly("51");
            assertThat(region("CD").attestationSequence()).isEqualTo(1);
        }

        @Test
        void cannotOverlapAnotherRegionsOrBeMalformed() {
            agreeDivisions();
            w.refused(() -> propose("CQ", "50,5101"), ErrorCode.CONFLICT, "overlaps region CD");
            w.refused(() -> propose("CQ", "5x"), ErrorCode.INVALID_INPUT, "divisionPrefixes[0]");
            w.refused(() -> propose("CQ", ""), ErrorCode.INVALID_INPUT, "divisionPrefixes");
        }
    }

    @Nested
    class Enterprises {

        @Test
        void aCodeOfOneRegionIsRegisteredOnlyByThatRegion() {
            agreeDivisions();
            w.refused(() -> register("CQ", CD_FIRM), ErrorCode.FORBIDDEN, "belongs to region CD");
            w.refused(() -> register("CD", CQ_FIRM), ErrorCode.FORBIDDEN, "belongs to region CQ");
            assertThat(register("CD", CD_FIRM).regionCode()).isEqualTo("CD");
        }

        @Test
        void aCodeFromElsewhereInChinaIsRegisteredByTheRegionWhereItOperates() {
            agreeDivisions();
            assertThat(register("CQ", BEIJING_FIRM).regionCode()).isEqualTo("CQ");
            w.refused(() -> register("CD", BEIJING_FIRM), ErrorCode.ALREADY_EXISTS, "already registered in region CQ");
        }

        @Test
        void beforeTheFirstJointUpdateTheOldRuleHolds() {
            assertThat(register("CQ", CD_FIRM).regionCode()).as("no region covers any division yet").isEqualTo("CQ");
        }
    }

    @Nested
    class Accreditations {

        private final String cdCenter2 = withCheck("52510100MJ0000009");

        @Test
        void onlyTheRegionOfTheCentersCodeAccreditsIt() {
            agreeDivisions();
            w.refused(() -> w.accredit(w.cqBureau, cdCenter2, "Squatted center"), ErrorCode.FORBIDDEN,
                    "belongs to region CD");
            assertThat(w.accredit(w.cdBureau, cdCenter2, "Chengdu center two").region()).isEqualTo("CD");
        }

        @Test
        void aRevokedAccreditationIsRenewedByItsOwnRegionAsANewVersion() {
            agreeDivisions();
            Accreditation revoked = Json.read(w.network.<String>invoke(w.cdBureau, ctx -> w.accreditation.revoke(ctx,
                    CD_CENTER, "FRAUD", "forged assessment records")), Accreditation.class);
            w.refused(() -> w.accredit(w.cqBureau, CD_CENTER, "Taken over"), ErrorCode.FORBIDDEN, "only CD may accredit");
            Accreditation renewed = w.accredit(w.cdBureau, CD_CENTER, "Chengdu Vocational Skills Center (new owner)");
            assertThat(renewed.version()).as("the next version; the revoked one stays in the history")
                    .isEqualTo(revoked.version() + 1);
            assertThat(renewed.status()).isEqualTo(AccreditationStatus.ACTIVE);
            w.refused(() -> w.accredit(w.cdBureau, CD_CENTER, "Again"), ErrorCode.ALREADY_EXISTS, "amend");
        }
    }

    @Nested
    class CertificateNumbers {

        @Test
        void carryTheIssuingRegionsProvinceCode() {
            agreeDivisions();
            CertificateClaims own = CertificateWorld.claims("CQ", 1, 1);
            assertThat(w.issue(own).number()).isEqualTo(own.number());
            CertificateClaims good = CertificateWorld.claims("CQ", 2, 2);
            // Chongqing's center numbering in Chengdu's space (province 51).
            CertificateClaims squatting = new CertificateClaims(good.number().substring(0, 5) + "51"
                    + good.number().substring(7), good.occupation(), good.level(), CQ_CENTER, "CQ", good.issueDate(),
                    good.expiryDate(), good.holderPseudonym(), good.holderCommitment());
            String json = CertificateWorld.request(squatting, w.attestationKey("CQ"));
            w.refused(() -> w.network.invoke(w.cqCenter, ctx -> w.certificates.issue(ctx, json)), ErrorCode.FORBIDDEN,
                    "region CD's number space");
        }
    }
}
