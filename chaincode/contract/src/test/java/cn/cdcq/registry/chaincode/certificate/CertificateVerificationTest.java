package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.RegionProposal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_MSP;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static cn.cdcq.registry.common.certificate.VerificationReport.FAIL;
import static cn.cdcq.registry.common.certificate.VerificationReport.NOT_APPLICABLE;
import static cn.cdcq.registry.common.certificate.VerificationReport.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateVerificationTest {

    private final CertificateWorld world = new CertificateWorld();

    private static String result(VerificationReport report, String check) {
        return report.step(check).map(Step::result).orElseThrow();
    }

    @Nested
    class AGenuineCertificate {

        @Test
        void passesEveryCheckAndIsRecognizedAtHomeOnly() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            VerificationReport report = world.verify(claims.number());
            assertThat(report.verdict()).isEqualTo(VerificationReport.VALID);
            assertThat(report.status()).isEqualTo(CertificateStatus.VALID);
            assertThat(report.steps()).extracting(Step::check).containsExactly(VerificationReport.RECORD,
                    VerificationReport.CANONICAL_HASH, VerificationReport.MERKLE_PATH, VerificationReport.REGION_SIGNATURE,
                    VerificationReport.ISSUER_ACCREDITED, VerificationReport.STATUS, VerificationReport.HOLDER);
            assertThat(report.steps()).extracting(Step::result)
                    .containsExactly(PASS, PASS, NOT_APPLICABLE, PASS, PASS, PASS, NOT_APPLICABLE);
            assertThat(report.step(VerificationReport.CANONICAL_HASH).orElseThrow().reason())
                    .contains(CertificateAttestation.canonicalHash(claims));
            assertThat(report.step(VerificationReport.REGION_SIGNATURE).orElseThrow().reason())
                    .contains("region CQ's attestation certificate 1");
            assertThat(report.centerName()).isEqualTo("Chongqing Vocational Skills Center");
            Recognition cq = report.recognitionIn("CQ").orElseThrow();
            assertThat(cq.recognized()).isTrue();
            assertThat(cq.basis()).isEqualTo(Recognition.HOME_REGION);
            Recognition cd = report.recognitionIn("CD").orElseThrow();
            assertThat(cd.recognized()).isFalse();
            assertThat(cd.basis()).isEqualTo(Recognition.NONE);
            assertThat(Json.write(report)).doesNotContain(claims.holderPseudonym(), claims.holderCommitment());
        }

        @Test
        void matchesTheHoldersDetailsOnlyWhenTheyAreTheHolders() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            VerificationReport holder = world.verify(claims.number(), CertificateWorld.commitmentOf(1));
            assertThat(result(holder, VerificationReport.HOLDER)).isEqualTo(PASS);
            assertThat(holder.verdict()).isEqualTo(VerificationReport.VALID);
            VerificationReport someoneElse = world.verify(claims.number(), CertificateWorld.commitmentOf(2));
            assertThat(result(someoneElse, VerificationReport.HOLDER)).isEqualTo(FAIL);
            assertThat(someoneElse.verdict()).isEqualTo(VerificationReport.INVALID);
        }

        @Test
        void inABatchChecksItsMerklePathAndTheOneBatchSignature() {
            List<CertificateClaims> claims = List.of(claims("CD", 1, 1), claims("CD", 2, 2), claims("CD", 3, 3));
            CertificateBatch batch = world.issueBatch(claims);
            VerificationReport report = world.verify(claims.get(2).number());
            assertThat(report.verdict()).isEqualTo(VerificationReport.VALID);
            assertThat(report.step(VerificationReport.MERKLE_PATH).orElseThrow())
                    .satisfies(s -> assertThat(s.result()).isEqualTo(PASS))
                    .satisfies(s -> assertThat(s.reason()).contains("leaf 2 of batch " + batch.merkleRoot()));
            assertThat(report.step(VerificationReport.REGION_SIGNATURE).orElseThrow().reason())
                    .contains("signature over batch " + batch.merkleRoot());
        }

        @Test
        void keepsVerifyingAfterItsRegionRotatesTheAttestationKey() {
            CertificateClaims before = claims("CQ", 1, 1);
            world.issue(before);
            TestIdentity newKey = TestIdentities.user(CQ_MSP, "attestation-2", Map.of("role", "attestation"));
            RegionProposal rotation = Json.read(world.network.<String>invoke(world.cqBureau,
                    ctx -> world.regions.proposeRotation(ctx, newKey.certificatePem())), RegionProposal.class);
            world.network.invoke(world.cdBureau, ctx -> world.regions.approve(ctx, rotation.id()));

            CertificateClaims stale = claims("CQ", 2, 2);
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> world.certificates.issue(ctx,
                    CertificateWorld.request(stale, world.attestationKey("CQ")))), ErrorCode.INVALID_SIGNATURE,
                    "attestation certificate 2");
            String fresh = CertificateWorld.request(stale, newKey.privateKey());
            SkillCertificate after = Json.read(world.network.<String>invoke(world.cqCenter,
                    ctx -> world.certificates.issue(ctx, fresh)), SkillCertificate.class);
            assertThat(after.attestationSequence()).isEqualTo(2);

            VerificationReport old = world.verify(before.number());
            assertThat(old.verdict()).isEqualTo(VerificationReport.VALID);
            assertThat(old.step(VerificationReport.REGION_SIGNATURE).orElseThrow().reason())
                    .contains("attestation certificate 1").contains(" to ");
            assertThat(world.verify(stale.number()).verdict()).isEqualTo(VerificationReport.VALID);
        }

        @Test
        void staysAccreditedAtIssueWhenTheCenterIsSuspendedLater() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            world.network.invoke(world.cqBureau, ctx -> world.accreditation.suspend(ctx, CQ_CENTER, "QUALITY_CONCERN",
                    "Under review"));
            VerificationReport report = world.verify(claims.number());
            assertThat(report.step(VerificationReport.ISSUER_ACCREDITED).orElseThrow())
                    .satisfies(s -> assertThat(s.result()).isEqualTo(PASS))
                    .satisfies(s -> assertThat(s.reason()).contains("accreditation version 1"));
        }

        @Test
        void findsTheAccreditationInForceAtIssueUnderItsOwnVersionKeyNotInTheHistory() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            world.network.invoke(world.cqBureau, ctx -> world.accreditation.suspend(ctx, CQ_CENTER, "QUALITY_CONCERN",
                    "Under review"));
            String v1 = "\u0000accreditationVersion\u0000" + CQ_CENTER + "\u0000000001\u0000";
            String v2 = "\u0000accreditationVersion\u0000" + CQ_CENTER + "\u0000000002\u0000";
            assertThat(world.network.ledger().state(v1)).hasValueSatisfying(bytes ->
                    assertThat(Json.read(bytes, Accreditation.class).version()).isEqualTo(1));
            assertThat(world.network.ledger().state(v2)).hasValueSatisfying(bytes ->
                    assertThat(Json.read(bytes, Accreditation.class).status()).isEqualTo(AccreditationStatus.SUSPENDED));
            assertThat(world.verify(claims.number()).step(VerificationReport.ISSUER_ACCREDITED).orElseThrow().result())
                    .isEqualTo(PASS);
        }
    }

    @Nested
    class ACertificateThatIsNotValid {

        @Test
        void isReportedExpiredAfterItsExpiryDate() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            world.network.setClock(Instant.parse("2030-12-31T15:00:00Z")); // 2030-12-31 23:00 in China
            assertThat(world.verify(claims.number()).status()).isEqualTo(CertificateStatus.VALID);
            world.network.setClock(Instant.parse("2030-12-31T16:00:00Z")); // 2031-01-01 00:00 in China
            VerificationReport report = world.verify(claims.number());
            assertThat(report.status()).isEqualTo(CertificateStatus.EXPIRED);
            assertThat(report.verdict()).isEqualTo(VerificationReport.INVALID);
            assertThat(report.recognitionIn("CQ").orElseThrow().recognized()).isFalse();
        }

        @Test
        void isReportedRevokedWithItsReasonCodeAndLabelButNotTheBureausFreeText() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            world.network.invoke(world.cqBureau, ctx -> world.certificates.revoke(ctx, claims.number(),
                    "FRAUDULENT_ASSESSMENT", "Proxy examinee seen on the camera of room 3"));
            VerificationReport report = world.verify(claims.number());
            assertThat(report.status()).isEqualTo(CertificateStatus.REVOKED);
            assertThat(report.step(VerificationReport.STATUS).orElseThrow().reason())
                    .contains("REVOKED by region CQ", "FRAUDULENT_ASSESSMENT: Fraudulent assessment")
                    .doesNotContain("Proxy examinee");
        }

        @Test
        void aReasonHoldingAResidentIdNumberOrAMobileNumberIsRefusedAndNothingIsWritten() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            String id = "11010519900307123" + cn.cdcq.registry.common.format.ResidentIdNumber.checkCharacter("11010519900307123");
            var before = world.network.ledger().lastCommittedTxId();
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> world.certificates.revoke(ctx, claims.number(),
                    "FRAUDULENT_ASSESSMENT", "examinee " + id + " sent a proxy")), ErrorCode.INVALID_INPUT,
                    "reason holds a resident ID number");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> world.certificates.suspend(ctx, claims.number(),
                    "HOLDER_REQUEST", "holder called from 138 0013 8000")), ErrorCode.INVALID_INPUT,
                    "reason holds a mobile number");
            assertThat(world.network.ledger().lastCommittedTxId()).as("nothing written").isEqualTo(before);
            assertThat(world.verify(claims.number()).status()).isEqualTo(CertificateStatus.VALID);
        }

        @Test
        void failsTheSignatureCheckWhenItsRecordWasAlteredOnTheLedger() {
            CertificateClaims claims = claims("CQ", 1, 1);
            SkillCertificate issued = world.issue(claims);
            CertificateClaims forged = new CertificateClaims(claims.number(), claims.occupation(), claims.level(),
                    claims.centerId(), claims.region(), claims.issueDate(), "2099-12-31", claims.holderPseudonym(),
                    claims.holderCommitment());
            world.tamper(world.certificateKey(claims.number()), Json.canonicalBytes(new SkillCertificate(forged,
                    issued.signature(), null, null, null, 1, 1, issued.issuedAt(), issued.issueTxId(), issued.issuedBy(),
                    CertificateStatus.VALID, null, null, null, null)));
            VerificationReport report = world.verify(claims.number());
            assertThat(result(report, VerificationReport.REGION_SIGNATURE)).isEqualTo(FAIL);
            assertThat(report.verdict()).isEqualTo(VerificationReport.INVALID);
        }

        @Test
        void failsTheMerklePathWhenABatchMemberWasAltered() {
            List<CertificateClaims> claims = List.of(claims("CQ", 1, 1), claims("CQ", 2, 2));
            world.issueBatch(claims);
            SkillCertificate stored = world.certificate(claims.get(1).number());
            CertificateClaims c = stored.claims();
            CertificateClaims forged = new CertificateClaims(c.number(), c.occupation(), 4, c.centerId(), c.region(),
                    "2025-06-01", c.expiryDate(), c.holderPseudonym(), c.holderCommitment());
            world.tamper(world.certificateKey(c.number()), Json.canonicalBytes(new SkillCertificate(forged, null,
                    stored.batchId(), stored.leafIndex(), stored.merklePath(), 1, 1, stored.issuedAt(), stored.issueTxId(),
                    stored.issuedBy(), CertificateStatus.VALID, null, null, null, null)));
            VerificationReport report = world.verify(c.number());
            assertThat(result(report, VerificationReport.MERKLE_PATH)).isEqualTo(FAIL);
            assertThat(result(report, VerificationReport.REGION_SIGNATURE)).isEqualTo(PASS);
            assertThat(report.verdict()).isEqualTo(VerificationReport.INVALID);
        }

        @Test
        void anUnknownNumberGivesAFailedReportAndAMalformedOneAnError() {
            VerificationReport report = world.verify(CertificateWorld.number("CQ", 4, 999));
            assertThat(report.verdict()).isEqualTo(VerificationReport.INVALID);
            assertThat(report.steps().get(0).result()).isEqualTo(FAIL);
            assertThat(report.steps().subList(1, report.steps().size())).extracting(Step::result).containsOnly(NOT_APPLICABLE);
            world.refused(() -> world.network.evaluate(world.cqInspector, ctx -> world.certificates.verify(ctx,
                    "Y123", "")), ErrorCode.INVALID_INPUT, "must be 22 characters");
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            world.refused(() -> world.network.evaluate(world.cqInspector, ctx -> world.certificates.verify(ctx,
                    claims.number(), "王小明")), ErrorCode.INVALID_INPUT, "64 lowercase hex");
        }
    }

    @Test
    void verifyingWritesNothing() {
        CertificateClaims claims = claims("CQ", 1, 1);
        world.issue(claims);
        world.network.advanceClock(Duration.ofDays(1));
        var before = world.network.ledger().stateSnapshot().keySet();
        // TestNetwork.evaluate also fails the test if an evaluated transaction writes.
        assertThat(world.verify(claims.number()).verdict()).isEqualTo(VerificationReport.VALID);
        assertThat(world.network.ledger().stateSnapshot().keySet()).isEqualTo(before);
    }
}
