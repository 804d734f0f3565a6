package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CD_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_CENTER;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.CQ_MSP;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.OCCUPATION;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateContractTest {

    private final CertificateWorld world = new CertificateWorld();
    private final CertificateContract contract = world.certificates;

    private void issueAs(TestIdentity who, String json, ErrorCode code, String message) {
        world.refused(() -> world.network.invoke(who, ctx -> contract.issue(ctx, json)), code, message);
    }

    private static CertificateClaims with(CertificateClaims c, String number, int level, String centerId, String region,
                                          String issueDate, String commitment) {
        return new CertificateClaims(number, c.occupation(), level, centerId, region, issueDate, c.expiryDate(),
                c.holderPseudonym(), commitment);
    }

    @Nested
    class Issue {

        @Test
        void storesTheClaimsWithTheRegionsSignatureAndWhoIssuedThem() {
            CertificateClaims claims = claims("CQ", 1, 1);
            SkillCertificate issued = world.issue(claims);
            SkillCertificate stored = world.certificate(claims.number());
            assertThat(stored).isEqualTo(issued);
            assertThat(stored.claims()).isEqualTo(claims);
            assertThat(stored.status()).isEqualTo(CertificateStatus.VALID);
            assertThat(stored.attestationSequence()).isEqualTo(1);
            assertThat(stored.accreditationVersion()).isEqualTo(1);
            assertThat(stored.issuedBy()).isEqualTo("ChongqingMSP/center");
            assertThat(stored.batchId()).isNull();
            assertThat(CertificateAttestation.verify(claims, stored.signature(), world.cqAttestation.certificate())).isTrue();
        }

        @Test
        void emitsCertificateIssuedWithoutHolderData() {
            CertificateClaims claims = claims("CQ", 1, 1);
            world.issue(claims);
            EmittedEvent event = world.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("CertificateIssued");
            assertThat(event.payloadAsString()).contains(claims.number(), "\"region\":\"CQ\"")
                    .doesNotContain(claims.holderPseudonym(), claims.holderCommitment());
        }

        @Test
        void bothRegionsPeersEndorseTheSameWrites() {
            // The world endorses on ChengduMSP's and ChongqingMSP's peers and fails on any difference.
            world.issue(claims("CD", 1, 1));
            world.issue(claims("CQ", 1, 2));
            assertThat(world.network.events()).extracting(EmittedEvent::name).endsWith("CertificateIssued", "CertificateIssued");
        }

        @Test
        void aCenterMayIssueBackdatedWithinItsAccreditationButNotInTheFuture() {
            CertificateClaims c = claims("CQ", 1, 1);
            CertificateClaims future = with(c, c.number(), 4, CQ_CENTER, "CQ", "2026-01-02", c.holderCommitment());
            issueAs(world.cqCenter, CertificateWorld.request(future, world.attestationKey("CQ")), ErrorCode.INVALID_INPUT,
                    "is in the future");
            CertificateClaims early = with(c, c.number(), 4, CQ_CENTER, "CQ", "2024-12-31", c.holderCommitment());
            issueAs(world.cqCenter, CertificateWorld.request(early, world.attestationKey("CQ")), ErrorCode.INVALID_INPUT,
                    "before the center's accreditation began");
        }
    }

    @Nested
    class Refusals {

        @Test
        void aNumberIsIssuedOnceAcrossBothRegions() {
            CertificateClaims cq = claims("CQ", 1, 1);
            world.issue(cq);
            CertificateClaims cd = claims("CD", 1, 2);
            CertificateClaims sameNumber = with(cd, cq.number(), 4, CD_CENTER, "CD", cd.issueDate(), cd.holderCommitment());
            issueAs(world.cdCenter, CertificateWorld.request(sameNumber, world.attestationKey("CD")),
                    ErrorCode.ALREADY_EXISTS, "was already issued, in region CQ");
            issueAs(world.cqCenter, CertificateWorld.request(cq, world.attestationKey("CQ")),
                    ErrorCode.ALREADY_EXISTS, "issued once in either region");
        }

        @Test
        void aTamperedOrForeignSignatureIsRefused() {
            CertificateClaims claims = claims("CQ", 1, 1);
            String signature = CertificateAttestation.sign(claims, world.attestationKey("CQ"));
            CertificateClaims altered = with(claims, claims.number(), 4, CQ_CENTER, "CQ", claims.issueDate(),
                    CertificateWorld.commitmentOf(9));
            issueAs(world.cqCenter, Json.write(new CertificateIssueRequest(altered, signature)),
                    ErrorCode.INVALID_SIGNATURE, "does not verify");
            issueAs(world.cqCenter, CertificateWorld.request(claims, world.attestationKey("CD")),
                    ErrorCode.INVALID_SIGNATURE, "region CQ's attestation certificate 1");
            String flipped = signature.substring(0, signature.length() - 2)
                    + (signature.endsWith("00") ? "01" : "00");
            issueAs(world.cqCenter, Json.write(new CertificateIssueRequest(claims, flipped)),
                    ErrorCode.INVALID_SIGNATURE, "does not verify");
            issueAs(world.cqCenter, Json.write(new CertificateIssueRequest(claims, "not hex")),
                    ErrorCode.INVALID_INPUT, "not hex");
            issueAs(world.cqCenter, Json.write(new CertificateIssueRequest(claims, null)),
                    ErrorCode.INVALID_INPUT, "signature is missing");
        }

        @Test
        void onlyATrainingCenterIssues() {
            String json = CertificateWorld.request(claims("CQ", 1, 1), world.attestationKey("CQ"));
            issueAs(world.cqBureau, json, ErrorCode.FORBIDDEN, "needs the role training_center");
            issueAs(world.cqInspector, json, ErrorCode.FORBIDDEN, "the caller's role is inspector");
            TestIdentity noCenterId = TestIdentities.user(CQ_MSP, "center2", Map.of("role", "training_center"));
            issueAs(noCenterId, json, ErrorCode.FORBIDDEN, "no centerId attribute");
        }

        @Test
        void aCenterIssuesOnlyItsOwnCertificatesInItsOwnRegion() {
            issueAs(world.cdCenter, CertificateWorld.request(claims("CQ", 1, 1), world.attestationKey("CQ")),
                    ErrorCode.FORBIDDEN, "the caller is center " + CD_CENTER);
            CertificateClaims c = claims("CD", 1, 1);
            CertificateClaims otherCenter = with(c, c.number(), 4, CQ_CENTER, "CD", c.issueDate(), c.holderCommitment());
            issueAs(world.cdCenter, CertificateWorld.request(otherCenter, world.attestationKey("CD")),
                    ErrorCode.FORBIDDEN, "a center issues only its own certificates");
            CertificateClaims otherRegion = with(c, c.number(), 4, CD_CENTER, "CQ", c.issueDate(), c.holderCommitment());
            issueAs(world.cdCenter, CertificateWorld.request(otherRegion, world.attestationKey("CQ")),
                    ErrorCode.FORBIDDEN, "a region issues only its own certificates");
            TestIdentity impostor = TestIdentities.user(CQ_MSP, "impostor",
                    Map.of("role", "training_center", "centerId", CD_CENTER));
            issueAs(impostor, CertificateWorld.request(c, world.attestationKey("CD")),
                    ErrorCode.FORBIDDEN, "a center issues through its own region");
        }

        @Test
        void anOccupationOrLevelOutsideTheAccreditationIsRefused() {
            CertificateClaims otherOccupation = claims("CQ", 1, 1, "2-02-07-09", 4);
            issueAs(world.cqCenter, CertificateWorld.request(otherOccupation, world.attestationKey("CQ")),
                    ErrorCode.FORBIDDEN, "not accredited for occupation 2-02-07-09");
            CertificateClaims tooAdvanced = claims("CQ", 1, 1, OCCUPATION, 2);
            issueAs(world.cqCenter, CertificateWorld.request(tooAdvanced, world.attestationKey("CQ")),
                    ErrorCode.FORBIDDEN, "up to level 3, not level 2");
        }

        @Test
        void anExpiredSuspendedOrMissingAccreditationIsRefused() {
            world.network.invoke(world.cqBureau, ctx -> world.accreditation.amend(ctx, Json.write(new AccreditationRequest(
                    CQ_CENTER, "Chongqing Vocational Skills Center", List.of(new AccreditationScope(OCCUPATION, 3)),
                    "2024-01-01", "2025-12-31"))));
            String json = CertificateWorld.request(claims("CQ", 1, 1), world.attestationKey("CQ"));
            issueAs(world.cqCenter, json, ErrorCode.FORBIDDEN, "it has expired");
            world.network.invoke(world.cdBureau, ctx -> world.accreditation.suspend(ctx, CD_CENTER, "QUALITY_CONCERN", "x"));
            issueAs(world.cdCenter, CertificateWorld.request(claims("CD", 1, 1), world.attestationKey("CD")),
                    ErrorCode.FORBIDDEN, "is SUSPENDED (QUALITY_CONCERN: x)");
            TestIdentity unaccredited = TestIdentities.user(CQ_MSP, "center3",
                    Map.of("role", "training_center", "centerId", CertificateWorld.withCheck("52500000MJ0000077")));
            issueAs(unaccredited, json, ErrorCode.FORBIDDEN, "is not accredited");
        }

        @Test
        void badFormatsAreRefusedWithTheFieldNamed() {
            PrivateKey key = world.attestationKey("CQ");
            CertificateClaims c = claims("CQ", 1, 1);
            issueAs(world.cqCenter, CertificateWorld.request(with(c, c.number(), 3, CQ_CENTER, "CQ", c.issueDate(),
                    c.holderCommitment()), key), ErrorCode.INVALID_INPUT, "level digit (position 16) is 4");
            issueAs(world.cqCenter, CertificateWorld.request(with(c, "S00015000000126400001", 4, CQ_CENTER, "CQ",
                    c.issueDate(), c.holderCommitment()), key), ErrorCode.INVALID_INPUT, "must be 22 characters");
            issueAs(world.cqCenter, CertificateWorld.request(with(c, c.number(), 9, CQ_CENTER, "CQ", c.issueDate(),
                    c.holderCommitment()), key), ErrorCode.INVALID_INPUT, "skill level 9 does not exist");
            issueAs(world.cqCenter, CertificateWorld.request(with(c, c.number(), 4, CQ_CENTER, "CQ", "2026-13-01",
                    c.holderCommitment()), key), ErrorCode.INVALID_INPUT, "not a real calendar date");
            issueAs(world.cqCenter, "{\"certificate\":" + Json.write(c) + ",\"signature\":\"00\",\"holderName\":\"王\"}",
                    ErrorCode.INVALID_INPUT, "unknown field \"holderName\"");
            issueAs(world.cqCenter, "{not json", ErrorCode.INVALID_INPUT, "malformed JSON");
        }
    }

    @Nested
    class Batch {

        private List<CertificateClaims> batch(String region, int from, int count) {
            List<CertificateClaims> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(claims(region, from + i, from + i));
            }
            return list;
        }

        @Test
        void issuesAThousandCertificatesInOneTransactionEachWithItsPath() {
            List<CertificateClaims> claims = batch("CQ", 1, 1000);
            int keysBefore = world.network.ledger().stateSnapshot().size();
            CertificateBatch batch = world.issueBatch(claims);
            assertThat(batch.count()).isEqualTo(1000);
            // 1,000 certificates, their 1,000 entries in the center's index, the batch record
            assertThat(world.network.ledger().stateSnapshot()).hasSize(keysBefore + 2001);
            SkillCertificate last = world.certificate(claims.get(999).number());
            assertThat(last.batchId()).isEqualTo(batch.merkleRoot());
            assertThat(last.leafIndex()).isEqualTo(999);
            assertThat(last.signature()).isNull();
            assertThat(CertificateAttestation.leadsToRoot(last.claims(), last.merklePath(), batch.merkleRoot())).isTrue();
            EmittedEvent event = world.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("CertificateBatchIssued");
            assertThat(event.payloadAsString()).contains("\"count\":1000", batch.merkleRoot());
        }

        @Test
        void oneBadEntryRefusesTheWholeBatchNamingEveryOffendingEntry() {
            world.issue(claims("CQ", 7, 7));
            List<CertificateClaims> claims = batch("CQ", 1, 10);
            CertificateClaims c = claims.get(3);
            claims.set(3, with(c, c.number(), 5, CQ_CENTER, "CQ", c.issueDate(), c.holderCommitment()));
            claims.set(8, claims.get(2));
            String json = CertificateWorld.batchRequest(claims, world.attestationKey("CQ"));
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx, json)),
                    ErrorCode.INVALID_INPUT, "batch of 10 certificates refused, nothing was issued: 3 entries are wrong");
            Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(
                    () -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx, json)));
            assertThat(refusal.getMessage())
                    .contains("[3] " + c.number() + ": INVALID_INPUT: certificate number")
                    .contains("[6] " + claims.get(6).number() + ": ALREADY_EXISTS")
                    .contains("[8] " + claims.get(2).number() + ": ALREADY_EXISTS: the number is also entry 2 of this batch");
        }

        @Test
        void aBatchAboveTheMaximumIsRefused() {
            List<CertificateClaims> claims = batch("CQ", 1, CertificateAttestation.MAX_BATCH_SIZE + 1);
            String json = Json.write(new CertificateBatchRequest(claims, "00"));
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx, json)),
                    ErrorCode.INVALID_INPUT, "more than the maximum of 2000 per transaction");
        }

        @Test
        void theSignatureMustCoverExactlyTheseCertificatesInThisOrder() {
            List<CertificateClaims> claims = batch("CQ", 1, 5);
            String signature = CertificateAttestation.sign(CertificateAttestation.header(claims), world.attestationKey("CQ"));
            List<CertificateClaims> reordered = new ArrayList<>(claims);
            java.util.Collections.swap(reordered, 0, 1);
            String json = Json.write(new CertificateBatchRequest(reordered, signature));
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx, json)),
                    ErrorCode.INVALID_SIGNATURE, "batch signature does not verify");
            String shorter = Json.write(new CertificateBatchRequest(claims.subList(0, 4), signature));
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx, shorter)),
                    ErrorCode.INVALID_SIGNATURE, "over 4 certificates");
        }

        @Test
        void anEmptyBatchIsRefused() {
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.issueBatch(ctx,
                    "{\"certificates\":[],\"signature\":\"00\"}")), ErrorCode.INVALID_INPUT, "has no certificates");
        }
    }

    @Nested
    class Status {

        private final CertificateClaims claims = claims("CQ", 1, 1);

        @Test
        void theIssuingBureauSuspendsReinstatesAndRevokesAndRevocationIsFinal() {
            world.issue(claims);
            String n = claims.number();
            world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, n, "UNDER_INVESTIGATION", "Complaint 2026-17"));
            assertThat(world.certificate(n).status()).isEqualTo(CertificateStatus.SUSPENDED);
            EmittedEvent event = world.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo("CertificateStatusChanged");
            assertThat(event.payloadAsString()).contains("\"previousStatus\":\"VALID\"", "\"status\":\"SUSPENDED\"")
                    .doesNotContain(claims.holderPseudonym());
            world.network.invoke(world.cqBureau, ctx -> contract.reinstate(ctx, n, "INVESTIGATION_CLEARED", "Cleared"));
            world.network.invoke(world.cqBureau, ctx -> contract.revoke(ctx, n, "FRAUDULENT_ASSESSMENT", "Proxy examinee"));
            SkillCertificate revoked = world.certificate(n);
            assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
            assertThat(revoked.statusReasonCode()).isEqualTo("FRAUDULENT_ASSESSMENT");
            assertThat(revoked.statusChangedBy()).isEqualTo("ChongqingMSP/bureau");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.reinstate(ctx, n, "OTHER", "x")),
                    ErrorCode.CONFLICT, "revocation is final");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.revoke(ctx, n, "OTHER", "x")),
                    ErrorCode.CONFLICT, "revocation is final");
        }

        @Test
        void keepsEveryChangeWithWhoAndWhen() {
            world.issue(claims);
            String n = claims.number();
            world.network.advanceClock(Duration.ofDays(3));
            world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, n, "HOLDER_REQUEST", "Holder asked"));
            world.network.invoke(world.cqBureau, ctx -> contract.revoke(ctx, n, "ISSUED_IN_ERROR", "Wrong occupation"));
            List<CertificateHistoryEntry> history = Json.readList(world.network.<String>evaluate(world.cdBureau,
                    ctx -> contract.getCertificateHistory(ctx, n)), CertificateHistoryEntry.class);
            assertThat(history).extracting(h -> h.certificate().status())
                    .containsExactly(CertificateStatus.VALID, CertificateStatus.SUSPENDED, CertificateStatus.REVOKED);
            assertThat(history.get(0).certificate().issuedBy()).isEqualTo("ChongqingMSP/center");
            assertThat(history.get(1).certificate().statusChangedBy()).isEqualTo("ChongqingMSP/bureau");
            assertThat(history.get(1).timestamp()).isEqualTo(history.get(1).certificate().statusChangedAt());
            assertThat(history.get(1).timestamp()).isGreaterThan(history.get(0).timestamp());
            assertThat(history).extracting(CertificateHistoryEntry::txId).doesNotHaveDuplicates();
        }

        @Test
        void onlyTheIssuingRegionsBureauChangesStatus() {
            world.issue(claims);
            String n = claims.number();
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.revoke(ctx, n, "OTHER", "x")),
                    ErrorCode.FORBIDDEN, "only that region's bureau may change its status, not CD's");
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.revoke(ctx, n, "OTHER", "x")),
                    ErrorCode.FORBIDDEN, "needs the role bureau");
        }

        @Test
        void aReasonCodeFromTheListAndATextAreRequired() {
            world.issue(claims);
            String n = claims.number();
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, n, "FRAUD", "x")),
                    ErrorCode.INVALID_INPUT, "choose one of UNDER_INVESTIGATION");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, n, "OTHER", "a\nb")),
                    ErrorCode.INVALID_INPUT, "control character");
        }

        @Test
        void anUnknownNumberIsNotFoundAndAMalformedOneInvalid() {
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, claims.number(),
                    "OTHER", "x")), ErrorCode.NOT_FOUND, "has been issued in any region");
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.suspend(ctx, "S123",
                    "OTHER", "x")), ErrorCode.INVALID_INPUT, "must be 22 characters");
        }
    }

    @Test
    void everyKindOfWriteIsEndorsedIdenticallyByBothRegionsPeers() {
        // The world's network simulates each transaction on ChengduMSP's and ChongqingMSP's peer and
        // fails on any difference in writes or event, as the AND policy would on the real network.
        world.issue(claims("CD", 1, 1));
        world.issueBatch(List.of(claims("CD", 2, 2), claims("CD", 3, 3)));
        world.network.invoke(world.cdBureau, ctx -> contract.suspend(ctx, claims("CD", 2, 2).number(), "OTHER", "x"));
        world.network.invoke(world.cdBureau, ctx -> world.subsidy.claim(ctx, Json.write(
                new SubsidyClaimRequest(claims("CD", 1, 1).number(), 100,
                        "2026-01-01", null))));
        assertThat(world.network.events()).extracting(EmittedEvent::name).endsWith("CertificateIssued",
                "CertificateBatchIssued", "CertificateStatusChanged", "SubsidyClaimed");
    }
}
