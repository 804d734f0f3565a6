package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.CertificateClient.Issued;
import cn.cdcq.registry.client.certificate.CertificateIssuer;
import cn.cdcq.registry.client.certificate.CertificateIssuer.CertificateDraft;
import cn.cdcq.registry.client.certificate.CertificateIssuer.PreparedCertificate;
import cn.cdcq.registry.client.certificate.HolderPresentation;
import cn.cdcq.registry.client.certificate.RecognitionClient;
import cn.cdcq.registry.client.certificate.SubsidyClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.cdcq.registry.common.certificate.VerificationReport.FAIL;
import static cn.cdcq.registry.common.certificate.VerificationReport.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Skill certificates on the real two-region network, every party with its own identity enrolled
 * from its region's CA: Chongqing's training center issues (alone and in a 1,000-certificate
 * batch) under Chongqing's attestation key; an employer-side reader verifies through Chengdu's
 * peer; the bureaus agree recognition rules, decide cases, change status and record subsidies;
 * and every refusal the issue lists is checked to be specific and to change nothing.
 *
 * <p>Certificate numbers carry a site sequence derived from the run's start time, so the test can
 * run again against a network kept with {@code scripts/test.sh --keep}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** In the catalogue tests: recognized from CQ in CD by a rule. */
    private static final String OCCUPATION = "4-04-05-01";
    /** Never in the catalogue: recognized case by case. */
    private static final String CASE_OCCUPATION = "6-28-01-14";
    private static final byte[] PEPPER = "e2e-consortium-pepper-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final Path TIMINGS = Path.of("target", "certificate-timings.txt");

    private E2eNetwork net;
    private String cqCenterId;
    private String cdCenterId;
    private LocalDate today;
    private final int site = (int) ((System.currentTimeMillis() / 1000) % 1_000_000);
    private final AtomicInteger serial = new AtomicInteger();

    private CertificateIssuer cqIssuer;
    private CertificateIssuer cdIssuer;
    private CertificateClient cqCenter;       // Chongqing's training center, through Chongqing's peer
    private CertificateClient cdCenter;       // Chengdu's training center, through Chengdu's peer
    private CertificateClient cdReader;       // a Chengdu inspector (an employer-side reader), through Chengdu's peer
    private CertificateClient cqBureau;       // Chongqing's bureau, through Chongqing's peer
    private CertificateClient cdBureau;       // Chengdu's bureau, through Chengdu's peer
    private CertificateClient cqInspector;    // a user without the issuing role
    private AccreditationClient cqAccreditation;
    private AccreditationClient cdAccreditation;
    private RecognitionClient cqRecognition;
    private RecognitionClient cdRecognition;
    private SubsidyClient cqSubsidy;
    private SubsidyClient cdSubsidy;
    private RegistryGateway cdReaderGateway;

    @BeforeAll
    void connectRegisterAndAccredit() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        today = LocalDate.now(CHINA);
        cqCenterId = net.region("chongqing").centerUscc();
        cdCenterId = net.region("chengdu").centerUscc();
        cqIssuer = new CertificateIssuer("CQ", cqCenterId, PEPPER, net.attestationKey("chongqing"));
        cdIssuer = new CertificateIssuer("CD", cdCenterId, PEPPER, net.attestationKey("chengdu"));

        cqCenter = new CertificateClient(net.gateway("chongqing", "center", "chongqing"));
        cdCenter = new CertificateClient(net.gateway("chengdu", "center", "chengdu"));
        cdReaderGateway = net.gateway("chengdu", "inspector1", "chengdu");
        cdReader = new CertificateClient(cdReaderGateway);
        cqBureau = new CertificateClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdBureau = new CertificateClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqInspector = new CertificateClient(net.gateway("chongqing", "inspector1", "chongqing"));
        cqAccreditation = new AccreditationClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdAccreditation = new AccreditationClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqRecognition = new RecognitionClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdRecognition = new RecognitionClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqSubsidy = new SubsidyClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdSubsidy = new SubsidyClient(net.gateway("chengdu", "bureau", "chengdu"));

        accredit(cqAccreditation, cqCenterId, "Chongqing Vocational Skills Assessment Center");
        accredit(cdAccreditation, cdCenterId, "Chengdu Vocational Skills Assessment Center");
        Files.deleteIfExists(TIMINGS);
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    // ------------------------------------------------------------------ issue and verify

    @Test
    void issuedInChongqingAndVerifiedThroughChengdusPeerWithTheHoldersDetails() throws IOException {
        int person = nextSerial();
        PreparedCertificate prepared = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, person));
        List<Long> millis = new ArrayList<>();
        Issued<SkillCertificate> issued = null;
        for (int i = 0; i < 5; i++) {
            PreparedCertificate next = i == 0 ? prepared : cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial()));
            CertificateIssueRequest request = cqIssuer.sign(next.claims());
            net.awaitPeersInSync();
            long start = System.nanoTime();
            Issued<SkillCertificate> done = cqCenter.issue(request);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            issued = i == 0 ? done : issued;
        }
        Collections.sort(millis);
        record("single issue, submit to commit (ms, 5 runs sorted)", millis.toString());
        record("single issue transaction size (bytes)", String.valueOf(issued.transactionBytes()));

        String number = prepared.claims().number();
        assertThat(issued.value().claims()).isEqualTo(prepared.claims());
        assertThat(issued.value().issuedBy()).isEqualTo(net.region("chongqing").mspId() + "/center");

        HolderPresentation holder = prepared.presentation("张伟", idNumber(person));
        VerificationReport report = synced(cdReader).verify(number, holder);
        assertThat(report.verdict()).as(describe(report)).isEqualTo(VerificationReport.VALID);
        assertThat(report.steps()).extracting(Step::check, Step::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple(VerificationReport.RECORD, PASS),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.CANONICAL_HASH, PASS),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.MERKLE_PATH, VerificationReport.NOT_APPLICABLE),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.REGION_SIGNATURE, PASS),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.ISSUER_ACCREDITED, PASS),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.STATUS, PASS),
                org.assertj.core.groups.Tuple.tuple(VerificationReport.HOLDER, PASS));
        assertThat(report.recognitionIn("CQ").orElseThrow().basis()).isEqualTo(Recognition.HOME_REGION);
        assertThat(report.centerName()).isEqualTo("Chongqing Vocational Skills Assessment Center");

        VerificationReport impostor = synced(cdReader).verify(number, prepared.presentation("张伟", idNumber(person + 1)));
        assertThat(impostor.step(VerificationReport.HOLDER).orElseThrow().result()).isEqualTo(FAIL);
        assertThat(impostor.verdict()).isEqualTo(VerificationReport.INVALID);
    }

    @Test
    void chengdusPeerSeesTheIssueEventWithoutPersonalData() throws Exception {
        PreparedCertificate prepared = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial()));
        Issued<SkillCertificate> issued = synced(cqCenter).issue(cqIssuer.sign(prepared.claims()));
        try (CloseableIterator<ChaincodeEvent> events = cdReaderGateway.network()
                .newChaincodeEventsRequest(net.description.chaincode()).startBlock(issued.blockNumber()).build()
                .getEvents()) {
            ChaincodeEvent event = null;
            while (events.hasNext()) {
                ChaincodeEvent next = events.next();
                if (next.getTransactionId().equals(issued.transactionId())) {
                    event = next;
                    break;
                }
            }
            assertThat(event).isNotNull();
            assertThat(event.getEventName()).isEqualTo("CertificateIssued");
            assertThat(new String(event.getPayload(), StandardCharsets.UTF_8))
                    .contains(prepared.claims().number())
                    .doesNotContain(prepared.claims().holderPseudonym(), prepared.claims().holderCommitment());
        }
    }

    @Test
    void aThousandCertificateBatchIsOneTransactionAndEachCertificateVerifies() throws IOException {
        List<CertificateClaims> claims = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            claims.add(cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims());
        }
        long signStart = System.nanoTime();
        CertificateBatchRequest request = cqIssuer.signBatch(claims);
        long signMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signStart);
        net.awaitPeersInSync();
        long start = System.nanoTime();
        Issued<CertificateBatch> issued = cqCenter.issueBatch(request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        record("1,000-certificate batch: Merkle tree and signature in the client (ms)", String.valueOf(signMillis));
        record("1,000-certificate batch, submit to commit (ms)", String.valueOf(millis));
        record("1,000-certificate batch transaction size (bytes)", String.valueOf(issued.transactionBytes()));

        CertificateBatch batch = issued.value();
        assertThat(batch.count()).isEqualTo(1000);
        assertThat(issued.transactionBytes()).as("far below the orderer's 16 MB AbsoluteMaxBytes")
                .isLessThan(8 * 1024 * 1024);
        for (int index : new int[] {0, 511, 999}) {
            VerificationReport report = synced(cdReader).verify(claims.get(index).number());
            assertThat(report.verdict()).as(describe(report)).isEqualTo(VerificationReport.VALID);
            assertThat(report.step(VerificationReport.MERKLE_PATH).orElseThrow().reason())
                    .contains("leaf " + index + " of batch " + batch.merkleRoot());
        }
        SkillCertificate last = synced(cdReader).certificate(claims.get(999).number());
        assertThat(last.leafIndex()).isEqualTo(999);
        assertThat(synced(cdReader).batch(batch.merkleRoot())).isEqualTo(batch);
    }

    @Test
    void aBatchOfTheDocumentedMaximumCommitsToo() throws IOException {
        List<CertificateClaims> claims = new ArrayList<>();
        for (int i = 0; i < CertificateAttestation.MAX_BATCH_SIZE; i++) {
            claims.add(cdIssuer.prepare(draft("CD", OCCUPATION, 5, nextSerial())).claims());
        }
        CertificateBatchRequest request = cdIssuer.signBatch(claims);
        net.awaitPeersInSync();
        long start = System.nanoTime();
        Issued<CertificateBatch> issued = cdCenter.issueBatch(request);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        record("2,000-certificate batch (the maximum), submit to commit (ms)", String.valueOf(millis));
        record("2,000-certificate batch transaction size (bytes)", String.valueOf(issued.transactionBytes()));
        assertThat(issued.value().count()).isEqualTo(CertificateAttestation.MAX_BATCH_SIZE);
        assertThat(synced(cqInspector).verify(claims.get(1999).number()).verdict()).isEqualTo(VerificationReport.VALID);
    }

    @Test
    void aBatchWithOneBadEntryIsRefusedWholeAndNamesIt() {
        List<CertificateClaims> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claims.add(cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims());
        }
        CertificateClaims bad = claims.get(13);
        claims.set(13, withLevel(bad, 2)); // accredited up to level 3 only, and the number says 4
        CertificateBatchRequest request = new CertificateBatchRequest(claims,
                CertificateAttestation.sign(CertificateAttestation.header(claims), net.attestationKey("chongqing")));
        refused(() -> synced(cqCenter).issueBatch(request), "INVALID_INPUT", "[13] " + bad.number() + ": INVALID_INPUT");
        assertNotIssued(claims.get(0).number());
        assertNotIssued(claims.get(19).number());
    }

    // ------------------------------------------------------------------ recognition

    @Nested
    class MutualRecognition {

        @Test
        void aRuleProposedByChongqingIsInForceOnlyOnceChengduAccepts() {
            withdrawLiveRules(OCCUPATION);
            String number = issue(cqIssuer, "CQ", OCCUPATION, 4).claims().number();
            RecognitionRule rule = synced(cqRecognition).proposeRule(new RecognitionRuleProposal(OCCUPATION, 4, "CQ", "CD",
                    today.minusDays(1).toString(), null));
            assertThat(synced(cdReader).verify(number).recognitionIn("CD").orElseThrow().recognized())
                    .as("a proposal is not in force").isFalse();
            refused(() -> synced(cqRecognition).acceptRule(rule.id()), "FORBIDDEN", "only region CD may accept it");

            RecognitionRule accepted = synced(cdRecognition).acceptRule(rule.id());
            assertThat(accepted.status()).isEqualTo(RecognitionRule.Status.IN_FORCE);
            Recognition inCd = synced(cdReader).verify(number).recognitionIn("CD").orElseThrow();
            assertThat(inCd.recognized()).isTrue();
            assertThat(inCd.basis()).isEqualTo(Recognition.RULE);
            assertThat(inCd.ruleId()).isEqualTo(rule.id());

            RecognitionRule withdrawn = synced(cdRecognition).withdrawRule(rule.id(), "Annual catalogue review");
            assertThat(withdrawn.status()).isEqualTo(RecognitionRule.Status.WITHDRAWN);
            assertThat(synced(cdReader).verify(number).recognitionIn("CD").orElseThrow().recognized()).isFalse();
        }

        @Test
        void aCaseOutsideTheCatalogueIsAcceptedByTheTargetRegion() {
            String number = issue(cqIssuer, "CQ", CASE_OCCUPATION, 4).claims().number();
            Recognition before = synced(cdReader).verify(number).recognitionIn("CD").orElseThrow();
            assertThat(before.recognized()).isFalse();
            assertThat(before.basis()).isEqualTo(Recognition.NONE);

            RecognitionDecision submitted = synced(cqRecognition).submitCase(number, "CD", "Worker relocated to Chengdu");
            refused(() -> synced(cqRecognition).decideCase(number, "CD", RecognitionDecision.Status.ACCEPTED.name(), "EQUIVALENT_STANDARD",
                    "x"), "FORBIDDEN", "only region CD's bureau decides");
            RecognitionDecision accepted = synced(cdRecognition).decideCase(number, "CD", RecognitionDecision.Status.ACCEPTED.name(),
                    "EQUIVALENT_STANDARD", "Same national standard, practical exam verified");
            assertThat(accepted.status()).isEqualTo(RecognitionDecision.Status.ACCEPTED);

            Recognition after = synced(cdReader).verify(number).recognitionIn("CD").orElseThrow();
            assertThat(after.recognized()).isTrue();
            assertThat(after.basis()).isEqualTo(Recognition.CASE_DECISION);
            assertThat(after.caseId()).isEqualTo(submitted.caseId());
        }

        @Test
        void aCaseRefusedByTheTargetRegionIsReportedWithItsReason() {
            String number = issue(cqIssuer, "CQ", CASE_OCCUPATION, 5).claims().number();
            synced(cdRecognition).submitCase(number, "CD", "Submitted at the Chengdu service hall");
            RecognitionDecision refusedCase = synced(cdRecognition).decideCase(number, "CD", RecognitionDecision.Status.REFUSED.name(),
                    "LEVEL_NOT_EQUIVALENT", "Practical hours below the Chengdu requirement");
            assertThat(refusedCase.status()).isEqualTo(RecognitionDecision.Status.REFUSED);
            Recognition inCd = synced(cdReader).verify(number).recognitionIn("CD").orElseThrow();
            assertThat(inCd.recognized()).isFalse();
            assertThat(inCd.reason()).contains("refused", "LEVEL_NOT_EQUIVALENT", "Practical hours");
            assertThat(synced(cdReader).verify(number).verdict()).as("refused recognition leaves the certificate valid")
                    .isEqualTo(VerificationReport.VALID);
        }
    }

    // ------------------------------------------------------------------ status

    @Test
    void theIssuingBureauSuspendsReinstatesAndRevokesAndEveryChangeIsKept() {
        String number = issue(cqIssuer, "CQ", OCCUPATION, 4).claims().number();
        synced(cqBureau).suspend(number, "UNDER_INVESTIGATION", "Complaint CQ-2026-0117");
        assertThat(synced(cdReader).verify(number).status()).isEqualTo(CertificateStatus.SUSPENDED);
        synced(cqBureau).reinstate(number, "INVESTIGATION_CLEARED", "Complaint unfounded");
        assertThat(synced(cdReader).verify(number).status()).isEqualTo(CertificateStatus.VALID);
        synced(cqBureau).revoke(number, "FRAUDULENT_ASSESSMENT", "Proxy examinee confirmed");

        VerificationReport report = synced(cdReader).verify(number);
        assertThat(report.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(report.verdict()).isEqualTo(VerificationReport.INVALID);
        assertThat(report.step(VerificationReport.STATUS).orElseThrow().reason()).contains("FRAUDULENT_ASSESSMENT");
        refused(() -> synced(cqBureau).reinstate(number, "ERROR_CORRECTED", "x"), "CONFLICT", "revocation is final");

        List<CertificateHistoryEntry> history = synced(cdReader).history(number);
        assertThat(history).extracting(h -> h.certificate().status()).containsExactly(CertificateStatus.VALID,
                CertificateStatus.SUSPENDED, CertificateStatus.VALID, CertificateStatus.REVOKED);
        String bureau = net.region("chongqing").mspId() + "/bureau";
        assertThat(history.subList(1, 4)).allSatisfy(h -> assertThat(h.certificate().statusChangedBy()).isEqualTo(bureau));
        assertThat(history).extracting(CertificateHistoryEntry::timestamp).isSorted();
    }

    // ------------------------------------------------------------------ subsidy

    @Test
    void aSecondSubsidyForTheSameHolderOccupationAndLevelIsRefusedInTheOtherRegion() {
        int person = nextSerial();
        String inCq = synced(cqCenter).issue(cqIssuer.sign(cqIssuer.prepare(draft("CQ", OCCUPATION, 4, person)).claims()))
                .value().claims().number();
        String inCd = synced(cdCenter).issue(cdIssuer.sign(cdIssuer.prepare(draft("CD", OCCUPATION, 4, person)).claims()))
                .value().claims().number();
        SubsidyClaimOutcome first = synced(cqSubsidy).claim(new SubsidyClaimRequest(inCq, 160_000, today.toString(), "CQ-PAY-1"));
        assertThat(first.accepted()).isTrue();
        SubsidyClaimOutcome second = synced(cdSubsidy).claim(new SubsidyClaimRequest(inCd, 120_000, today.toString(), "CD-PAY-9"));
        assertThat(second.outcome()).isEqualTo(SubsidyClaimOutcome.Outcome.REFUSED);
        assertThat(second.refusal().earlierClaimId()).isEqualTo(first.claim().claimId());
        assertThat(second.refusal().earlierRegion()).isEqualTo("CQ");
        assertThat(second.refusal().earlierPaidDate()).isEqualTo(today.toString());
        assertThat(synced(cqSubsidy).refusal(second.refusal().refusalId())).isEqualTo(second.refusal());
    }

    // ------------------------------------------------------------------ refusals

    @Nested
    class Refusals {

        @Test
        void aNumberAlreadyIssuedIsRefusedInEitherRegion() {
            PreparedCertificate first = issue(cqIssuer, "CQ", OCCUPATION, 4);
            String number = first.claims().number();
            refused(() -> synced(cqCenter).issue(cqIssuer.sign(first.claims())), "ALREADY_EXISTS", "was already issued, in region CQ");
            CertificateClaims cd = cdIssuer.prepare(draft("CD", OCCUPATION, 4, nextSerial())).claims();
            CertificateClaims sameNumber = new CertificateClaims(number, cd.occupation(), cd.level(), cd.centerId(),
                    cd.region(), cd.issueDate(), cd.expiryDate(), cd.holderPseudonym(), cd.holderCommitment());
            // Chongqing's province code (50) is Chongqing's number space: Chengdu cannot use it at all.
            refused(() -> synced(cdCenter).issue(cdIssuer.sign(sameNumber)), "FORBIDDEN", "region CQ's number space");
            assertThat(synced(cdReader).certificate(number).claims()).isEqualTo(first.claims());
        }

        @Test
        void aTamperedSignatureIsRefused() {
            CertificateClaims claims = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims();
            CertificateIssueRequest signed = cqIssuer.sign(claims);
            CertificateClaims altered = new CertificateClaims(claims.number(), claims.occupation(), claims.level(),
                    claims.centerId(), claims.region(), claims.issueDate(), "2099-12-31", claims.holderPseudonym(),
                    claims.holderCommitment());
            refused(() -> synced(cqCenter).issue(new CertificateIssueRequest(altered, signed.signature())), "INVALID_SIGNATURE",
                    "does not verify");
            refused(() -> synced(cqCenter).issue(new CertificateIssueRequest(claims, CertificateAttestation.sign(claims,
                    net.attestationKey("chengdu")))), "INVALID_SIGNATURE", "region CQ's attestation certificate");
            assertNotIssued(claims.number());
        }

        @Test
        void theOtherRegionCannotActOnChongqingsRecords() {
            String number = issue(cqIssuer, "CQ", OCCUPATION, 4).claims().number();
            refused(() -> synced(cdBureau).revoke(number, "OTHER", "Chengdu disagrees"), "FORBIDDEN",
                    "only that region's bureau may change its status");
            refused(() -> synced(cdAccreditation).suspend(cqCenterId, "QUALITY_CONCERN", "x"), "FORBIDDEN",
                    "only that region may change its accreditation");
            CertificateClaims cq = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims();
            refused(() -> synced(cdCenter).issue(cqIssuer.sign(cq)), "FORBIDDEN", "the caller is center " + cdCenterId);
            assertThat(synced(cdReader).certificate(number).status()).isEqualTo(CertificateStatus.VALID);
            assertThat(synced(cdReader).verify(number).verdict()).isEqualTo(VerificationReport.VALID);
        }

        @Test
        void onlyATrainingCenterIssuesAndOnlyABureauChangesStatus() {
            CertificateIssueRequest request = cqIssuer.sign(cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims());
            refused(() -> synced(cqInspector).issue(request), "FORBIDDEN", "the caller's role is inspector");
            refused(() -> synced(cqBureau).issue(request), "FORBIDDEN", "needs the role training_center");
            String number = issue(cqIssuer, "CQ", OCCUPATION, 4).claims().number();
            refused(() -> synced(cqCenter).revoke(number, "OTHER", "x"), "FORBIDDEN", "needs the role bureau");
            assertNotIssued(request.certificate().number());
        }

        @Test
        void malformedNumbersLevelsAndUnaccreditedScopesAreRefusedWithClearErrors() {
            CertificateClaims good = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims();
            CertificateClaims shortNumber = withNumber(good, "S0001500000012640001");
            refused(() -> synced(cqCenter).issue(signedAsIs(shortNumber)), "INVALID_INPUT", "must be 22 characters");
            CertificateClaims wrongDigit = withLevel(good, 3);
            refused(() -> synced(cqCenter).issue(signedAsIs(wrongDigit)), "INVALID_INPUT", "level digit (position 16) is 4");
            CertificateClaims noSuchLevel = withLevel(good, 6);
            refused(() -> synced(cqCenter).issue(signedAsIs(noSuchLevel)), "INVALID_INPUT", "skill level 6 does not exist");
            CertificateClaims tooAdvanced = cqIssuer.prepare(draft("CQ", OCCUPATION, 2, nextSerial())).claims();
            refused(() -> synced(cqCenter).issue(cqIssuer.sign(tooAdvanced)), "FORBIDDEN", "up to level 3, not level 2");
            CertificateClaims otherOccupation = cqIssuer.prepare(draft("CQ", "2-02-07-09", 4, nextSerial())).claims();
            refused(() -> synced(cqCenter).issue(cqIssuer.sign(otherOccupation)), "FORBIDDEN",
                    "not accredited for occupation 2-02-07-09");
            for (CertificateClaims claims : List.of(good, tooAdvanced, otherOccupation)) {
                assertNotIssued(claims.number());
            }
        }

        @Test
        void aMalformedUsccOrIdNumberNeverReachesTheLedger() {
            String wrongCheck = cqCenterId.substring(0, 17) + (cqCenterId.endsWith("1") ? "2" : "1");
            refused(() -> synced(cqAccreditation).accredit(new AccreditationRequest(wrongCheck, "x",
                    List.of(new AccreditationScope(OCCUPATION, 3)), today.toString(), today.toString())),
                    "INVALID_INPUT", "check character should be");
            String id = idNumber(nextSerial());
            String badId = id.substring(0, 17) + (id.endsWith("0") ? "1" : "0");
            assertThatThrownBy(() -> cqIssuer.prepare(new CertificateDraft(number("CQ", 4, nextSerial()), OCCUPATION, 4,
                    today.toString(), null, "张伟", badId)))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.getCode()).isEqualTo(InvalidInputException.INVALID_ID_NUMBER))
                    .hasMessageContaining("check character should be");
        }

        @Test
        void anOversizeBatchIsRefusedBeforeAnythingElse() {
            CertificateClaims one = cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims();
            List<CertificateClaims> tooMany = new ArrayList<>(Collections.nCopies(CertificateAttestation.MAX_BATCH_SIZE + 1, one));
            refused(() -> synced(cqCenter).issueBatch(new CertificateBatchRequest(tooMany, "00")), "INVALID_INPUT",
                    "more than the maximum of 2000 per transaction");
            assertNotIssued(one.number());
        }

        @Test
        void anExpiredAccreditationStopsIssuing() {
            AccreditationRequest expired = new AccreditationRequest(cdCenterId, "Chengdu Vocational Skills Assessment Center",
                    scopes(), today.minusYears(2).toString(), today.minusDays(1).toString());
            synced(cdAccreditation).amend(expired);
            try {
                CertificateClaims claims = cdIssuer.prepare(draft("CD", OCCUPATION, 4, nextSerial())).claims();
                refused(() -> synced(cdCenter).issue(cdIssuer.sign(claims)), "FORBIDDEN", "it has expired");
                assertNotIssued(claims.number());
            } finally {
                accredit(cdAccreditation, cdCenterId, "Chengdu Vocational Skills Assessment Center");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {@code client}, once both regions' peers have every block either has (see {@link E2eNetwork#awaitPeersInSync}). */
    /**
     * Issue-time tampering (issue 16 item 6): claims altered after the region signed them, field by
     * field, in a batch and alone; a batch reordered or cut; the signature flipped, made by the other
     * region's key or by a key the ledger never registered. Each is refused and nothing is issued;
     * the untouched requests then issue (the control).
     */
    @Test
    void everyAlterationOfSignedClaimsOrOfTheirSignatureIsRefusedAndNothingIsIssued() throws Exception {
        List<CertificateClaims> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claims.add(cqIssuer.prepare(draft("CQ", OCCUPATION, 4, nextSerial())).claims());
        }
        CertificateBatchRequest genuine = cqIssuer.signBatch(claims);
        CertificateClaims c = claims.get(1);
        String otherHex = "ab".repeat(32);
        Map<String, CertificateClaims> altered = new java.util.LinkedHashMap<>();
        altered.put("occupation", new CertificateClaims(c.number(), CASE_OCCUPATION, c.level(), c.centerId(), c.region(),
                c.issueDate(), c.expiryDate(), c.holderPseudonym(), c.holderCommitment()));
        altered.put("issueDate", new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                today.minusDays(1).toString(), c.expiryDate(), c.holderPseudonym(), c.holderCommitment()));
        altered.put("expiryDate", new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                c.issueDate(), today.plusYears(9).toString(), c.holderPseudonym(), c.holderCommitment()));
        altered.put("no expiryDate", new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                c.issueDate(), null, c.holderPseudonym(), c.holderCommitment()));
        altered.put("holderPseudonym", new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                c.issueDate(), c.expiryDate(), otherHex, c.holderCommitment()));
        altered.put("holderCommitment", new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                c.issueDate(), c.expiryDate(), c.holderPseudonym(), otherHex));
        altered.put("number", withNumber(c, number("CQ", 4, nextSerial())));
        altered.put("level", withLevel(withNumber(c, number("CQ", 5, nextSerial())), 5));
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, CertificateClaims> e : altered.entrySet()) {
            List<CertificateClaims> tampered = new ArrayList<>(claims);
            tampered.set(1, e.getValue());
            outcomes.put("batch, " + e.getKey(), refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(tampered, genuine.signature()))));
            CertificateIssueRequest alone = cqIssuer.sign(c);
            outcomes.put("single, " + e.getKey(), refusal(() -> cqCenter.issue(new CertificateIssueRequest(e.getValue(), alone.signature()))));
        }
        List<CertificateClaims> reordered = new ArrayList<>(claims);
        java.util.Collections.swap(reordered, 0, 1);
        outcomes.put("batch, two entries swapped", refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(reordered, genuine.signature()))));
        outcomes.put("batch, one entry removed", refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(claims.subList(0, 3), genuine.signature()))));
        String sig = genuine.signature();
        String flipped = sig.substring(0, sig.length() - 2) + (sig.endsWith("00") ? "01" : "00");
        outcomes.put("batch, signature's last byte changed", refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(claims, flipped))));
        outcomes.put("batch, signed by Chengdu's attestation key", refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(claims,
                CertificateAttestation.sign(CertificateAttestation.header(claims), net.attestationKey("chengdu"))))));
        java.security.KeyPair stranger = E2eNetwork.newP256KeyPair();
        outcomes.put("batch, signed by a key the ledger never registered", refusal(() -> cqCenter.issueBatch(new CertificateBatchRequest(claims,
                CertificateAttestation.sign(CertificateAttestation.header(claims), stranger.getPrivate())))));
        outcomes.put("single, signed by a key the ledger never registered", refusal(() -> cqCenter.issue(new CertificateIssueRequest(c,
                CertificateAttestation.sign(c, stranger.getPrivate())))));
        record("issue-time tampering: cases refused", Integer.toString(outcomes.size()));
        record("issue-time tampering: outcomes", outcomes.toString());

        assertThat(outcomes).hasSize(2 * altered.size() + 6);
        outcomes.forEach((what, code) -> assertThat(code).as(what).isIn("INVALID_SIGNATURE", "INVALID_INPUT"));
        assertThat(outcomes).as("well-formed alterations are caught by the signature")
                .containsEntry("batch, occupation", "INVALID_SIGNATURE").containsEntry("single, holderCommitment", "INVALID_SIGNATURE")
                .containsEntry("batch, two entries swapped", "INVALID_SIGNATURE")
                .containsEntry("batch, signed by Chengdu's attestation key", "INVALID_SIGNATURE")
                .containsEntry("batch, signed by a key the ledger never registered", "INVALID_SIGNATURE");
        for (CertificateClaims each : claims) {
            assertNotIssued(each.number());
        }
        for (CertificateClaims each : altered.values()) {
            assertNotIssued(each.number());
        }
        // The control: the request as signed issues.
        assertThat(cqCenter.issueBatch(genuine).value().count()).isEqualTo(4);
        assertThat(synced(cdReader).verify(c.number()).verdict()).isEqualTo(VerificationReport.VALID);
    }

    /** The error code a refused call answered (a call that succeeds fails the test). */
    private static String refusal(ThrowingCallable call) {
        try {
            call.call();
        } catch (LedgerException e) {
            return e.code();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("the tampered request was accepted");
    }

    private <T> T synced(T client) {
        net.awaitPeersInSync();
        return client;
    }

    private int nextSerial() {
        return serial.incrementAndGet();
    }

    private static List<AccreditationScope> scopes() {
        return List.of(new AccreditationScope(OCCUPATION, 3), new AccreditationScope(CASE_OCCUPATION, 3));
    }

    /** Accredits the center, or brings an existing accreditation back to these terms and ACTIVE. */
    private void accredit(AccreditationClient bureau, String centerId, String name) {
        net.awaitPeersInSync();
        AccreditationRequest terms = new AccreditationRequest(centerId, name, scopes(), today.minusYears(1).toString(),
                today.plusYears(2).toString());
        Accreditation current;
        try {
            current = bureau.accreditation(centerId);
        } catch (LedgerException e) {
            assertThat(e.code()).isEqualTo("NOT_FOUND");
            bureau.accredit(terms);
            return;
        }
        bureau.amend(terms);
        if (current.status().equals("SUSPENDED")) {
            net.awaitPeersInSync();
            bureau.reinstate(centerId, "ISSUES_RESOLVED", "Test run reset");
        }
    }

    private void withdrawLiveRules(String occupation) {
        for (RecognitionRule rule : synced(cdRecognition).rules()) {
            net.awaitPeersInSync();
            boolean live = rule.status().equals(RecognitionRule.Status.IN_FORCE) || rule.status().equals(RecognitionRule.Status.PROPOSED);
            if (live && rule.occupation().equals(occupation)) {
                RecognitionClient side = rule.status().equals(RecognitionRule.Status.PROPOSED) && rule.proposedByRegion().equals("CQ")
                        ? cqRecognition : cdRecognition;
                if (rule.status().equals(RecognitionRule.Status.PROPOSED) && side == cdRecognition) {
                    synced(cdRecognition).declineRule(rule.id(), "Cleared by an earlier test run");
                } else {
                    side.withdrawRule(rule.id(), "Cleared by an earlier test run");
                }
            }
        }
    }

    private PreparedCertificate issue(CertificateIssuer issuer, String region, String occupation, int level) {
        PreparedCertificate prepared = issuer.prepare(draft(region, occupation, level, nextSerial()));
        CertificateClient center = region.equals("CQ") ? cqCenter : cdCenter;
        synced(center).issue(issuer.sign(prepared.claims()));
        return prepared;
    }

    private CertificateDraft draft(String region, String occupation, int level, int person) {
        return new CertificateDraft(number(region, level, nextSerial()), occupation, level, today.toString(),
                today.plusYears(4).toString(), "张伟", idNumber(person));
    }

    /** S + body 0001 + province (50 Chongqing, 51 Sichuan) + this run's site + year + level + serial. */
    private String number(String region, int level, int serialNumber) {
        return String.format("S0001%s%06d%02d%d%06d", region.equals("CQ") ? "50" : "51", site, today.getYear() % 100,
                level, serialNumber);
    }

    /** A valid resident ID number, one per person of this run (the run's site spreads runs apart). */
    private String idNumber(int person) {
        String first17 = "500101" + LocalDate.of(1960, 1, 1).plusDays((site + person) % 15000).toString().replace("-", "")
                + String.format("%03d", (site / 15000 + person) % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static CertificateClaims withLevel(CertificateClaims c, int level) {
        return new CertificateClaims(c.number(), c.occupation(), level, c.centerId(), c.region(), c.issueDate(),
                c.expiryDate(), c.holderPseudonym(), c.holderCommitment());
    }

    private static CertificateClaims withNumber(CertificateClaims c, String number) {
        return new CertificateClaims(number, c.occupation(), c.level(), c.centerId(), c.region(), c.issueDate(),
                c.expiryDate(), c.holderPseudonym(), c.holderCommitment());
    }

    /** Signed by the region as given, bypassing the issuer's own checks, so the chaincode's checks are what refuses. */
    private CertificateIssueRequest signedAsIs(CertificateClaims claims) {
        return new CertificateIssueRequest(claims, CertificateAttestation.sign(claims, net.attestationKey("chongqing")));
    }

    private void refused(ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code)).hasMessageContaining(message);
    }

    private void assertNotIssued(String number) {
        refused(() -> synced(cdReader).certificate(number), "NOT_FOUND", "no certificate with number " + number);
    }

    private static String describe(VerificationReport report) {
        StringBuilder out = new StringBuilder(report.certificateNumber() + " " + report.verdict());
        report.steps().forEach(s -> out.append("\n  ").append(s.check()).append(' ').append(s.result()).append(": ")
                .append(s.reason()));
        return out.toString();
    }

    private static void record(String what, String value) throws IOException {
        String line = what + ": " + value;
        System.out.println("[certificate timing] " + line);
        Files.createDirectories(TIMINGS.getParent());
        Files.writeString(TIMINGS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
