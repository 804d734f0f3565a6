package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.credit.RatingSigner;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.AssistRequestInput;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ComplaintCategory;
import cn.cdcq.registry.common.cases.ComplaintInput;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.cases.WorkingDays;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.settings.SettingProposal;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.cdcq.registry.client.e2e.TestValues.newUscc;
import static cn.cdcq.registry.client.e2e.TestValues.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enterprise labor credit and cross-region cases on the real two-region network: users of each
 * region with their own enrolled identities (bureau, inspectors, attestation key), through their
 * own region's peer, and every outcome read back through the other region's peer. Each run uses
 * fresh enterprises, so the tests also pass against a network kept from an earlier run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditIT {

    private E2eNetwork net;
    private String cd;
    private String cq;
    private CreditRegistryClient cdBureau;
    private CreditRegistryClient cdInspector;
    private CreditRegistryClient cdCenter;
    private CreditRegistryClient cqBureau;
    private CreditRegistryClient cqInspector;
    private CreditRegistryClient cqBureauViaCd;
    private SpotCheckClient cdSpot;
    private SpotCheckClient cqSpot;
    private CaseRegistryClient cdCases;
    private CaseRegistryClient cdInspectorCases;
    private CaseRegistryClient cqCases;
    private CaseRegistryClient cqInspectorCases;
    private RatingSigner cdSigner;
    private RatingSigner cqSigner;

    @BeforeAll
    void connectAndPrepareRegisters() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        cd = net.region("chengdu").regionCode();
        cq = net.region("chongqing").regionCode();
        cdBureau = new CreditRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
        cdInspector = new CreditRegistryClient(net.gateway("chengdu", "inspector1", "chengdu"));
        cdCenter = new CreditRegistryClient(net.gateway("chengdu", "center", "chengdu"));
        cqBureau = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        cqInspector = new CreditRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));
        cqBureauViaCd = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chengdu"));
        cdSpot = new SpotCheckClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqSpot = new SpotCheckClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdCases = new CaseRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
        cdInspectorCases = new CaseRegistryClient(net.gateway("chengdu", "inspector1", "chengdu"));
        cqCases = new CaseRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        cqInspectorCases = new CaseRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));

        // The inspector registers: the enrolled inspectors, plus a third Chongqing inspector so a
        // declared conflict of interest still leaves two for every enterprise.
        // Each entry is confirmed by the inspector's own enrolled identity (spotcheck:confirmInspector).
        ensureConfirmed(cdSpot, cd, "chengdu", "inspector1", "CD-INS-0001");
        ensureConfirmed(cdSpot, cd, "chengdu", "inspector2", "CD-INS-0002");
        ensureConfirmed(cqSpot, cq, "chongqing", "inspector1", "CQ-INS-0001");
        ensureConfirmed(cqSpot, cq, "chongqing", "inspector2", "CQ-INS-0002");
        // The third: an inspector account the Chongqing service enrolls at its CA; registering it
        // through the service confirms it with that account's identity.
        InspectorEntry third = cqSpot.inspectors(cq).stream().filter(e -> e.inspectorId().equals("CQ-INS-0003"))
                .findFirst().orElse(null);
        if (third == null || !third.confirmed()) {
            E2eServices services = new E2eServices();
            E2eServices.Service admin = services.admin("chongqing");
            E2eServices.Service account = services.createAccount(admin, "cq-ins-0003-" + TestValues.digits(6),
                    "INSPECTOR", "inspectorId", "CQ-INS-0003");
            // Registered before (e.g. by an earlier run, pending): the inspector confirms it through the service.
            E2eServices.Answer confirmed = third != null
                    ? services.post(account, "/api/v1/spot-checks/inspectors/CQ-INS-0003/confirm", null)
                    : services.post(admin, "/api/v1/spot-checks/inspectors",
                            Json.mapper().createObjectNode().put("inspectorId", "CQ-INS-0003"));
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            assertThat(confirmed.body().path("confirmedAt").isTextual()).as(confirmed.toString()).isTrue();
            sync();
        }
        int year = today().getYear();
        for (int y = year - 1; y <= year + 1; y++) {
            try {
                cdCases.calendar(y);
            } catch (LedgerException e) {
                assertThat(e.code()).isEqualTo("NOT_FOUND");
                // A calendar is in force only once the other region accepts it; an earlier run may
                // have left its proposal open.
                String subject = SettingProposal.CALENDAR + "/" + y;
                SettingProposal open = cdCases.settingProposals(SettingProposal.PROPOSED).stream()
                        .filter(p -> p.subject().equals(subject)).findFirst().orElse(null);
                if (open == null) {
                    open = cdCases.proposeCalendar(new WorkingCalendar(y, List.of(y + "-01-01"), List.of(), null, null));
                    sync();
                }
                (open.proposingRegion().equals(cd) ? cqCases : cdCases).acceptSetting(open.id());
                sync();
            }
        }
        cqSpot.setWeights(1, 2, 4, 2);
        sync();
        cdSigner = signerFor("chengdu");
        cqSigner = signerFor("chongqing");
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    // ------------------------------------------------------------------ violations and notices

    @Test
    void aChengduViolationAgainstAChongqingEnterpriseIsNotifiedToChongqingWhichAcknowledges() {
        Enterprise firm = registerIn(cqBureau, cq);
        ViolationInput input = new ViolationInput(firm.uscc(), ViolationType.WAGE_ARREARS, 2_500_000, 40,
                today().minusDays(2).toString(), sha256("decision"), true, false, ViolationStatus.OPEN);

        RegistryGateway cdInspectorGateway = net.gateway("chengdu", "inspector2", "chengdu");
        SubmittedTransaction tx;
        try {
            tx = cdInspectorGateway.network().getContract(net.description.chaincode(), "violation")
                    .newProposal("recordViolation").addArguments(cn.cdcq.registry.common.json.Json.write(input))
                    .build().endorse().submitAsync();
        } catch (Exception e) {
            throw new AssertionError("recording the violation failed", e);
        }
        Violation v = cn.cdcq.registry.common.json.Json.read(new String(tx.getResult(), StandardCharsets.UTF_8), Violation.class);
        Status status;
        try {
            status = tx.getStatus();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(status.isSuccessful()).isTrue();
        sync();
        assertThat(v.recordingRegion()).isEqualTo(cd);
        assertThat(v.enterpriseRegion()).isEqualTo(cq);
        assertThat(v.recordedBy()).isEqualTo("CD-INS-0002");

        // Chongqing hears of it through its own peer's event stream: the notice, without personal data.
        ChaincodeEvent event = eventOf(net.gateway("chongqing", "bureau", "chongqing"), status);
        assertThat(event.getEventName()).isEqualTo("CrossRegionNoticeRaised");
        String payload = new String(event.getPayload(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"toRegion\":\"" + cq + "\"", "\"violationId\":\"" + v.id() + "\"",
                "\"dueOn\":\"" + today() + "\"");

        assertThat(cqInspector.notices(cq, true)).extracting(CrossRegionNotice::violationId).contains(v.id());
        CrossRegionNotice notice = cqBureau.notice(v.id());
        assertThat(notice.major()).isTrue();
        assertThat(notice.dueOn()).as("a major case is due at once").isEqualTo(today().toString());

        assertThatThrownBy(() -> cdBureau.acknowledgeNotice(v.id()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        CrossRegionNotice acknowledged = cqInspector.acknowledgeNotice(v.id());
        sync();
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("CQ-INS-0001");
        assertThat(cdBureau.notice(v.id()).acknowledgedAt()).as("read through Chengdu's peer")
                .isEqualTo(acknowledged.acknowledgedAt());
        assertThatThrownBy(() -> cqBureau.acknowledgeNotice(v.id()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThat(cqBureau.overdueNotices()).extracting(CrossRegionNotice::violationId).doesNotContain(v.id());
    }

    // ------------------------------------------------------------------ ratings

    @Test
    void bothRegionsRateWithTheirAttestationKeysAndTheWorseLevelIsEffectiveThroughEitherPeer() throws Exception {
        Enterprise firm = registerIn(cqBureau, cq);
        Violation penalized = cdInspector.recordViolation(new ViolationInput(firm.uscc(), ViolationType.ILLEGAL_OVERTIME,
                0, 15, today().minusDays(5).toString(), sha256("overtime decision"), false, false, ViolationStatus.PENALIZED));
        sync();
        int year = today().getYear();

        CreditRating byCq = cqBureau.rate(firm.uscc(), year, null, null, cqSigner);
        sync();
        assertThat(byCq.statement().level()).isEqualTo(CreditLevel.A);
        CreditRating byCd = cdBureau.rate(firm.uscc(), year, null, null, cdSigner);
        sync();
        assertThat(byCd.statement().level()).isEqualTo(CreditLevel.B);
        assertThat(byCd.statement().countedViolationIds()).containsExactly(penalized.id());

        for (CreditRegistryClient reader : List.of(cqInspector, cdInspector)) {
            CreditRegistryClient.EffectiveLevel effective = reader.effectiveLevel(firm.uscc());
            assertThat(effective.effectiveLevel()).isEqualTo("B");
            assertThat(effective.latestLevels()).isEqualTo(Map.of(cd, "B", cq, "A"));
        }
        // Anyone can check a rating offline against the region's attestation certificate on the ledger.
        CreditRating readBack = cqInspector.rating(firm.uscc(), cd, year);
        AttestationCertificate cert = new RegionRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"))
                .attestationCertificates(cd).stream().filter(c -> c.sequence() == readBack.statement().attestationSequence())
                .findFirst().orElseThrow();
        assertThat(CreditRatingStatement.verify(readBack.statement(),
                Signatures.parseCertificate(cert.certificatePem()).getPublicKey(), Hashes.fromHex(readBack.signatureHex())))
                .isTrue();

        // A different level needs a reason and keeps both; a signature by the other region's key is refused.
        CreditRating overridden = cqBureau.rate(firm.uscc(), year, "B", "repeat complaints pending at year end", cqSigner);
        sync();
        assertThat(overridden.statement().ruleLevel()).isEqualTo(CreditLevel.A);
        assertThat(overridden.statement().level()).isEqualTo(CreditLevel.B);
        assertThat(overridden.revision()).isEqualTo(2);
        assertThatThrownBy(() -> cqBureau.rate(firm.uscc(), year, "C", null, cqSigner))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
        CreditRatingStatement statement = cqBureau.previewRating(firm.uscc(), year, null, null);
        assertThatThrownBy(() -> cqBureau.recordRating(statement, cdSigner.signHex(statement)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SIGNATURE"));
        assertThatThrownBy(() -> cqInspector.previewRating(firm.uscc(), year, null, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
    }

    /**
     * Rating-statement tampering (issue 16 item 6): a statement the region signed, each field
     * altered after signing, is refused by the contract; so is the genuine statement under a
     * substituted key; nothing is recorded. The statement as signed then records (the control).
     */
    @Test
    void anAlteredRatingStatementOrASubstitutedKeyIsRefusedAndNothingIsRecorded() throws Exception {
        Enterprise firm = registerIn(cqBureau, cq);
        Enterprise other = registerIn(cqBureau, cq);
        int year = today().getYear();
        CreditRatingStatement s = cqBureau.previewRating(firm.uscc(), year, null, null);
        String signature = cqSigner.signHex(s);
        List<String> oneMore = new ArrayList<>(s.countedViolationIds());
        oneMore.add(sha256("a violation never recorded"));
        List<String> reasons = new ArrayList<>(s.ruleReasons());
        reasons.add("an extra reason");
        CreditLevel worse = s.level() == CreditLevel.C ? CreditLevel.B : CreditLevel.C;
        Map<String, CreditRatingStatement> altered = new java.util.LinkedHashMap<>();
        altered.put("uscc", new CreditRatingStatement(other.uscc(), s.regionCode(), s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("year", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year() - 1, s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("regionCode", new CreditRatingStatement(s.uscc(), cd, s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("level", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(), worse,
                "an override slipped in", s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("ruleLevel", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), worse, s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("countedViolationIds", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), oneMore, s.ruleReasons(), s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("ruleReasons", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), reasons, s.attestationSequence(), s.revision(), s.replacesRatingHash()));
        altered.put("attestationSequence", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence() + 1, s.revision(), s.replacesRatingHash()));
        altered.put("revision", new CreditRatingStatement(s.uscc(), s.regionCode(), s.year(), s.ruleLevel(), s.level(),
                s.overrideReason(), s.countedViolationIds(), s.ruleReasons(), s.attestationSequence(),
                s.revision() == null ? 2 : s.revision() + 1, s.replacesRatingHash()));
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, CreditRatingStatement> e : altered.entrySet()) {
            outcomes.put(e.getKey(), refusalCode(() -> cqBureau.recordRating(e.getValue(), signature)));
        }
        String flipped = signature.substring(0, signature.length() - 2) + (signature.endsWith("00") ? "01" : "00");
        outcomes.put("signature's last byte changed", refusalCode(() -> cqBureau.recordRating(s, flipped)));
        outcomes.put("signed by Chengdu's attestation key", refusalCode(() -> cqBureau.recordRating(s, cdSigner.signHex(s))));
        RatingSigner stranger = new RatingSigner(E2eNetwork.newP256KeyPair().getPrivate());
        outcomes.put("signed by a key the ledger never registered", refusalCode(() -> cqBureau.recordRating(s, stranger.signHex(s))));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "rating-tampering.txt"),
                "rating statements altered or re-keyed, refused: " + outcomes.size() + "\n" + outcomes + "\n");

        assertThat(outcomes).hasSize(altered.size() + 3);
        outcomes.forEach((what, code) -> assertThat(code).as(what).isIn("INVALID_SIGNATURE", "INVALID_INPUT", "CONFLICT", "FORBIDDEN"));
        assertThat(outcomes).containsEntry("signed by a key the ledger never registered", "INVALID_SIGNATURE")
                .containsEntry("signed by Chengdu's attestation key", "INVALID_SIGNATURE");
        sync();
        for (String uscc : List.of(firm.uscc(), other.uscc())) {
            assertThatThrownBy(() -> cdBureau.rating(uscc, cq, year)).as("nothing recorded for %s", uscc)
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
        }
        // The control: the statement as signed records.
        assertThat(cqBureau.recordRating(s, signature).statement()).isEqualTo(s);
    }

    /** The code a refused call answered; a call that succeeds fails the test. */
    private static String refusalCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (LedgerException e) {
            return e.code();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("the altered statement was recorded");
    }

    // ------------------------------------------------------------------ blacklist

    @Test
    void aChengduBlacklistingIsRefusedWithoutItsConditionsAndOnceMadeShowsInChongqing() {
        Enterprise firm = registerIn(cqBureau, cq);
        Violation arrears = cdInspector.recordViolation(new ViolationInput(firm.uscc(), ViolationType.WAGE_ARREARS,
                3_000_000, 25, today().minusDays(30).toString(), sha256("arrears decision"), false, false,
                ViolationStatus.PENALIZED));
        sync();
        String boss = sha256("pseudonym of the legal representative");

        // Chengdu's Order 45 threshold is on the ledger, set by Chengdu; the listing request carries none.
        cdBureau.setWageArrearsThreshold(5_000_000);
        sync();
        assertThatThrownBy(() -> cdBureau.list(new ListingInput(arrears.id(), false, List.of(boss))))
                .as("order to pay not ignored")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThatThrownBy(() -> cdBureau.list(new ListingInput(arrears.id(), true, List.of(boss))))
                .as("below Chengdu's threshold, no mass incident")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThatThrownBy(() -> cqBureau.list(new ListingInput(arrears.id(), true, List.of(boss))))
                .as("Chongqing did not enforce this one")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        assertThat(cqBureau.blacklistStatus(firm.uscc()).listed()).isFalse();

        cdBureau.setWageArrearsThreshold(1_000_000);
        sync();
        assertThat(cqBureau.wageArrearsThreshold(cd).amountFen()).as("read through Chongqing").isEqualTo(1_000_000);
        WageArrearsListing listing = cdBureau.list(new ListingInput(arrears.id(), true, List.of(boss)));
        sync();
        assertThat(listing.expiresOn()).isEqualTo(today().plusYears(3).toString());
        assertThat(listing.thresholdFen()).isEqualTo(1_000_000);

        CreditProfile inChongqing = cqBureau.profile(firm.uscc());
        assertThat(inChongqing.blacklisted()).isTrue();
        assertThat(inChongqing.listings()).extracting(WageArrearsListing::listingRegion).containsExactly(cd);
        assertThat(cqInspector.blacklistStatus(firm.uscc()).listingRegions()).containsExactly(cd);

        assertThatThrownBy(() -> cdBureau.removeEarly(new EarlyRemovalInput(listing.id(), true,
                today().minusMonths(2).toString(), sha256("pledge"))))
                .as("early removal two months after rectification")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"))
                .hasMessageContaining("too soon");
        assertThat(cqBureau.blacklistStatus(firm.uscc()).listed()).isTrue();
        WageArrearsListing removed = cdBureau.removeEarly(new EarlyRemovalInput(listing.id(), true,
                today().minusMonths(7).toString(), sha256("pledge")));
        sync();
        assertThat(removed.status()).isEqualTo(WageArrearsListing.Status.REMOVED_EARLY);
        assertThat(cqBureau.blacklistStatus(firm.uscc()).listed()).isFalse();
    }

    // ------------------------------------------------------------------ spot checks

    @Test
    void aSpotCheckDrawFromBothRegionsSignaturesIsRecomputedIndependentlyFromTheLedger() {
        Enterprise rated = registerIn(cqBureau, cq);
        cqInspector.recordViolation(new ViolationInput(rated.uscc(), ViolationType.CHILD_LABOR, 0, 1,
                today().minusDays(1).toString(), sha256("child labor"), true, false, ViolationStatus.PENALIZED));
        sync();
        cqBureau.rate(rated.uscc(), today().getYear(), null, null, cqSigner);
        sync();
        registerIn(cqBureau, cq);
        ConflictOfInterest conflict = cqSpot.declareConflict("CQ-INS-0001", rated.uscc());
        sync();

        KeyPair cdKey = E2eNetwork.drawKey();
        KeyPair cqKey = E2eNetwork.drawKey();
        cdSpot.setDrawKey(E2eNetwork.pem(cdKey));
        cqSpot.setDrawKey(E2eNetwork.pem(cqKey));
        sync();
        assertThatThrownBy(() -> cdSpot.openDraw(new SpotCheckRequest(cq, 2, 2, E2eNetwork.unusedPeriod())))
                .as("Chengdu cannot open a draw on Chongqing's register")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        SpotCheckDraw opened = cqSpot.openDraw(new SpotCheckRequest(cq, 2, 2, E2eNetwork.unusedPeriod()));
        sync();
        String cdSig = Hashes.hex(SpotCheckDrawing.contribution(cdKey.getPrivate(), opened.id()));
        String cqSig = Hashes.hex(SpotCheckDrawing.contribution(cqKey.getPrivate(), opened.id()));
        cqSpot.reveal(opened.id(), cqSig);
        sync();
        assertThatThrownBy(() -> cdSpot.reveal(opened.id(), cqSig)).as("another region's signature")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
        assertThatThrownBy(() -> cqSpot.reveal(opened.id(), cqSig)).as("a second reveal")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        SpotCheckDraw drawn = cdSpot.reveal(opened.id(), cdSig);
        sync();
        assertThat(drawn.status()).isEqualTo(SpotCheckDraw.Status.DRAWN);

        // Independently: the register, levels, weights, inspectors and conflicts as the ledger
        // shows them through Chengdu's peer, the seed from the two signatures, and the common draw.
        SpotCheckDraw stored = cdSpot.draw(opened.id());
        SpotCheckWeights weights = cdSpot.weights(cq);
        List<SpotCheckDraw.Candidate> candidates = new ArrayList<>();
        for (Enterprise e : cdBureau.enterprises(cq)) {
            String level = cdBureau.effectiveLevel(e.uscc()).effectiveLevel();
            CreditLevel l = level == null ? null : CreditLevel.valueOf(level);
            candidates.add(new SpotCheckDraw.Candidate(e.uscc(), l, weights.weightOf(l)));
        }
        assertThat(stored.candidates()).isEqualTo(candidates);
        assertThat(stored.candidates()).filteredOn(c -> c.uscc().equals(rated.uscc()))
                .singleElement().satisfies(c -> assertThat(c.weight()).isEqualTo(4));
        // Only confirmed inspectors are drawn; pending ones (e.g. registered before the rule) are listed but not drawn.
        List<String> inspectors = cdSpot.inspectors(cq).stream().filter(InspectorEntry::confirmed)
                .map(InspectorEntry::inspectorId).sorted().toList();
        assertThat(stored.inspectorIds()).isEqualTo(inspectors);
        Set<String> usccs = candidates.stream().map(SpotCheckDraw.Candidate::uscc).collect(Collectors.toSet());
        List<SpotCheckDraw.Conflict> conflicts = cdSpot.conflicts().stream()
                .filter(c -> inspectors.contains(c.inspectorId()) && usccs.contains(c.uscc()))
                .map(c -> new SpotCheckDraw.Conflict(c.inspectorId(), c.uscc())).toList();
        assertThat(conflicts).contains(new SpotCheckDraw.Conflict(conflict.inspectorId(), conflict.uscc()));
        assertThat(SpotCheckDrawing.isContribution(stored.drawKeys().get(cd), stored.id(), Hashes.fromHex(cdSig))).isTrue();
        byte[] seed = Hashes.sha256(Hashes.fromHex(cdSig), Hashes.fromHex(cqSig));
        assertThat(stored.seedHex()).isEqualTo(Hashes.hex(seed));
        List<SpotCheckDraw.Assignment> recomputed = SpotCheckDrawing.draw(candidates, inspectors, conflicts, 2, 2, seed);
        assertThat(stored.assignments()).isEqualTo(recomputed).hasSize(2);
        for (SpotCheckDraw.Assignment a : recomputed) {
            assertThat(a.inspectorIds()).hasSize(2).doesNotHaveDuplicates();
            if (a.uscc().equals(rated.uscc())) {
                assertThat(a.inspectorIds()).doesNotContain("CQ-INS-0001");
            }
        }

        SpotCheckDraw.Assignment first = stored.assignments().get(0);
        SpotCheckResult result = cqSpot.publishResult(stored.id(), first.uscc(), SpotCheckResult.Outcome.NO_ISSUES,
                sha256("inspection report"));
        sync();
        assertThat(cdSpot.results(stored.id())).containsExactly(result);
        assertThat(cdBureau.profile(first.uscc()).spotChecks())
                .anySatisfy(s -> assertThat(s.result()).isEqualTo(result));
    }

    // ------------------------------------------------------------------ cases

    @Test
    void aComplaintFiledInChengduAgainstAChongqingEmployerIsTransferredAcceptedAndClosed() {
        Enterprise employer = registerIn(cqBureau, cq);
        String worker = sha256("pseudonym of a worker " + employer.uscc());
        Complaint filed = cdCases.fileComplaint(new ComplaintInput(worker, employer.uscc(), ComplaintCategory.WAGE_ARREARS,
                sha256("complaint file"), null));
        sync();
        assertThat(filed.transferred()).isTrue();
        assertThat(filed.filedRegion()).isEqualTo(cd);
        assertThat(filed.jurisdictionRegion()).isEqualTo(cq);
        assertThat(LocalDate.parse(filed.acceptanceDueOn())).isAfter(today());
        assertThat(cqCases.complaints(cq)).extracting(Complaint::id).contains(filed.id());

        assertThatThrownBy(() -> cdCases.accept(filed.id())).as("Chengdu has no jurisdiction")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        assertThatThrownBy(() -> cqCases.fileComplaint(new ComplaintInput(worker, employer.uscc(),
                ComplaintCategory.WAGE_ARREARS, sha256("same again"), null))).as("the same worker, the same matter")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_EXISTS"));
        assertThat(cqInspectorCases.accept(filed.id()).status()).isEqualTo(Complaint.Status.ACCEPTED);
        sync();
        assertThat(cdBureau.profile(employer.uscc()).openComplaints()).extracting(CreditProfile.OpenCase::complaintId)
                .containsExactly(filed.id());
        Complaint closed = cqCases.close(filed.id(), Complaint.Outcome.UPHELD_RECTIFIED, sha256("investigation report"));
        sync();
        assertThat(closed.status()).isEqualTo(Complaint.Status.CLOSED);
        assertThat(cdCases.complaint(filed.id()).outcome()).as("read through Chengdu's peer")
                .isEqualTo(Complaint.Outcome.UPHELD_RECTIFIED);
        assertThatThrownBy(() -> cqCases.close(filed.id(), Complaint.Outcome.NOT_UPHELD, sha256("again")))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThat(cdBureau.profile(employer.uscc()).openComplaints()).isEmpty();
    }

    @Test
    void anAssistRequestIsAnsweredInTimeAndAnotherOneIsOverdueForBothRegions() {
        Enterprise firm = registerIn(cqBureau, cq);
        AssistRequest onTime = cdInspectorCases.requestAssist(new AssistRequestInput(AssistRequest.Kind.INQUIRY, cq,
                firm.uscc(), null, sha256("inquiry letter"), null));
        sync();
        // Ten working days by the calendar on the ledger, counted here independently of the chaincode.
        LocalDate expectedDue = WorkingDays.addWorkingDays(today(), 10, y -> java.util.Optional.of(cqCases.calendar(y)));
        assertThat(onTime.dueOn()).isEqualTo(expectedDue.toString());
        assertThat(LocalDate.parse(onTime.dueOn())).isAfterOrEqualTo(today().plusDays(12));
        assertThatThrownBy(() -> cdCases.answerAssist(onTime.id(), sha256("answer")))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        AssistRequest answered = cqInspectorCases.answerAssist(onTime.id(), sha256("inquiry record"));
        sync();
        assertThat(answered.answeredLate()).isFalse();
        assertThat(cdCases.assistRequest(onTime.id()).status()).isEqualTo(AssistRequest.Status.ANSWERED);

        // Sent on paper 25 days ago and entered today: more than 10 working days have passed.
        AssistRequest late = cdCases.requestAssist(new AssistRequestInput(AssistRequest.Kind.EVIDENCE_COLLECTION, cq,
                firm.uscc(), null, sha256("evidence request"), today().minusDays(25).toString()));
        sync();
        assertThat(LocalDate.parse(late.dueOn())).isBefore(today());
        for (CaseRegistryClient reader : List.of(cdCases, cqCases)) {
            assertThat(reader.overdue().assistRequests()).extracting(AssistRequest::id).contains(late.id());
        }
        OverdueReport flagged = cqCases.flagOverdue();
        sync();
        assertThat(flagged.assistRequests()).extracting(AssistRequest::id).contains(late.id());
        assertThat(cdCases.assistRequest(late.id()).overdueFlaggedOn()).isEqualTo(today().toString());
        assertThat(cqCases.flagOverdue().assistRequests()).extracting(AssistRequest::id).doesNotContain(late.id());
        sync();
        AssistRequest lateAnswer = cqCases.answerAssist(late.id(), sha256("evidence"));
        sync();
        assertThat(lateAnswer.answeredLate()).isTrue();
        assertThat(cdCases.overdue().assistRequests()).extracting(AssistRequest::id).doesNotContain(late.id());
    }

    // ------------------------------------------------------------------ refusals and the profile

    @Test
    void wrongRolesWrongRegionsAndBadUsccsAreRefused() {
        String bad = "91500000MA5U7Q1K3" + "0";
        if (Uscc.isValid(bad)) {
            bad = "91500000MA5U7Q1K3" + "1";
        }
        String badUscc = bad;
        assertThatThrownBy(() -> cqBureau.registerEnterprise(badUscc, "Bad Code Co.", false, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"))
                .hasMessageContaining("check character");
        Enterprise firm = registerIn(cqBureau, cq);
        assertThatThrownBy(() -> cqInspector.registerEnterprise(newUscc("91500000"), "Inspector's firm", false, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        ViolationInput v = new ViolationInput(firm.uscc(), ViolationType.OTHER, 0, 1, today().toString(),
                sha256("d"), false, false, ViolationStatus.OPEN);
        assertThatThrownBy(() -> cdCenter.recordViolation(v))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        assertThatThrownBy(() -> cdBureau.recordViolation(v))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        Violation byChengdu = cdInspector.recordViolation(v);
        sync();
        assertThatThrownBy(() -> cqInspector.updateStatus(byChengdu.id(), ViolationStatus.CLOSED))
                .as("a Chongqing inspector acting on Chengdu's violation")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        assertThat(cdInspector.updateStatus(byChengdu.id(), ViolationStatus.RECTIFIED).status())
                .isEqualTo(ViolationStatus.RECTIFIED);
        sync();
        assertThatThrownBy(() -> cqBureauViaCd.registerEnterprise(firm.uscc(), "Again", false, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_EXISTS"));
        assertThat(cqBureau.violations(firm.uscc())).extracting(Violation::id).containsExactly(byChengdu.id());
    }

    @Test
    void theCreditProfileIsOneQueryAndTheSameThroughBothPeers() {
        Enterprise firm = registerIn(cdBureau, cd);
        Violation v = cqInspector.recordViolation(new ViolationInput(firm.uscc(), ViolationType.SOCIAL_INSURANCE,
                120_000, 8, today().minusDays(3).toString(), sha256("social insurance"), false, false,
                ViolationStatus.PENALIZED));
        sync();
        cqBureau.rate(firm.uscc(), today().getYear(), null, null, cqSigner);
        sync();
        cdBureau.rate(firm.uscc(), today().getYear(), null, null, cdSigner);
        sync();
        Complaint c = cqCases.fileComplaint(new ComplaintInput(sha256("worker " + firm.uscc()), firm.uscc(),
                ComplaintCategory.SOCIAL_INSURANCE, sha256("file"), null));
        sync();
        AssistRequest r = cqCases.requestAssist(new AssistRequestInput(AssistRequest.Kind.DOCUMENT_DELIVERY, cd,
                firm.uscc(), c.id(), sha256("deliver"), null));
        sync();

        String viaChengdu = new CreditRegistryClient(net.gateway("chengdu", "inspector1", "chengdu")).profileJson(firm.uscc());
        String viaChongqing = new CreditRegistryClient(net.gateway("chongqing", "inspector1", "chongqing")).profileJson(firm.uscc());
        assertThat(viaChongqing).isEqualTo(viaChengdu);
        CreditProfile p = cqBureau.profile(firm.uscc());
        assertThat(p.enterprise().regionCode()).isEqualTo(cd);
        assertThat(p.latestLevels()).isEqualTo(Map.of(cd, CreditLevel.A, cq, CreditLevel.B));
        assertThat(p.effectiveLevel()).isEqualTo(CreditLevel.B);
        assertThat(p.ratings()).hasSize(2);
        assertThat(p.violations()).extracting(Violation::id).containsExactly(v.id());
        assertThat(p.notices()).singleElement().satisfies(n -> {
            assertThat(n.toRegion()).isEqualTo(cd);
            assertThat(n.dueOn()).isEqualTo(CrossRegionNotice.dueDate(today(), false).toString());
        });
        assertThat(p.blacklisted()).isFalse();
        assertThat(p.openComplaints()).extracting(CreditProfile.OpenCase::complaintId).containsExactly(c.id());
        assertThat(p.openAssistRequests()).extracting(AssistRequest::id).containsExactly(r.id());
        assertThat(viaChengdu).doesNotContain(sha256("worker " + firm.uscc()));
    }

    // ------------------------------------------------------------------ helpers

    /** Both peers endorse every write: let the other region's peer catch up before the next step. */
    private void sync() {
        net.awaitPeersInSync();
    }

    private static LocalDate today() {
        return cn.cdcq.registry.common.format.IsoDate.dateOf(Instant.now());
    }

    private Enterprise registerIn(CreditRegistryClient bureau, String region) {
        String uscc = newUscc(region.equals(cd) ? "91510100" : "91500000");
        Enterprise e = bureau.registerEnterprise(uscc, "Test enterprise " + uscc.substring(8, 14), false, null);
        sync();
        assertThat(e.regionCode()).isEqualTo(region);
        return e;
    }

    /** A signer holding the region's current attestation key (see {@link E2eNetwork#attestationKey}). */
    private RatingSigner signerFor(String regionName) {
        return new RatingSigner(net.attestationKey(regionName));
    }

    /** The chaincode event of a committed transaction, read from {@code reader}'s peer's event stream. */
    private ChaincodeEvent eventOf(RegistryGateway reader, Status committed) {
        try (CloseableIterator<ChaincodeEvent> events = reader.network()
                .newChaincodeEventsRequest(net.description.chaincode()).startBlock(committed.getBlockNumber())
                .build().getEvents()) {
            while (events.hasNext()) {
                ChaincodeEvent e = events.next();
                if (e.getTransactionId().equals(committed.getTransactionId())) {
                    return e;
                }
            }
        }
        throw new AssertionError("no chaincode event for " + committed.getTransactionId());
    }

    /** Registers {@code id} unless it is, and confirms it with the enrolled inspector's own identity unless it is. */
    private void ensureConfirmed(SpotCheckClient bureau, String region, String regionName, String user, String id) {
        InspectorEntry entry = bureau.inspectors(region).stream().filter(e -> e.inspectorId().equals(id)).findFirst()
                .orElse(null);
        if (entry == null) {
            bureau.registerInspector(id);
            sync();
        } else if (entry.confirmed()) {
            return;
        }
        new SpotCheckClient(net.gateway(regionName, user, regionName)).confirmInspector(id);
        sync();
    }
}
