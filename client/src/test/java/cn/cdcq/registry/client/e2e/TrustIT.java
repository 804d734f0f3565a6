package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.credit.RatingSigner;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.credit.BlacklistTransactions;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.RegionProposal;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.settings.ClockWindow;
import cn.cdcq.registry.common.settings.SettingProposal;
import cn.cdcq.registry.common.settings.SettingsTransactions;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static cn.cdcq.registry.client.e2e.TestValues.newUscc;
import static cn.cdcq.registry.client.e2e.TestValues.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10 on the real two-region network: where both regions must agree, the other region's
 * (or the same region's lone) attempt is refused with a clear code, and nothing on the ledger
 * changes, read back through the other region's peer. Safe to run again on a kept network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private E2eNetwork net;
    private String cd;
    private String cq;
    private CreditRegistryClient cdBureau;
    private CreditRegistryClient cqBureau;
    private CreditRegistryClient cdInspector;
    private CaseRegistryClient cdCases;
    private CaseRegistryClient cqCases;

    @BeforeAll
    void connect() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        cd = net.region("chengdu").regionCode();
        cq = net.region("chongqing").regionCode();
        cdBureau = new CreditRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqBureau = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdInspector = new CreditRegistryClient(net.gateway("chengdu", "inspector1", "chengdu"));
        cdCases = new CaseRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqCases = new CaseRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    // ------------------------------------------------------------------ item 5: ratings

    @Test
    void anEarlierSignedRatingStatementCannotBeReplayedToRevertARating() {
        Enterprise firm = register(cqBureau, "91500000");
        int year = today().getYear();
        RatingSigner cqSigner = new RatingSigner(net.attestationKey("chongqing"));
        CreditRatingStatement lenient = cqBureau.previewRating(firm.uscc(), year, null, null);
        String lenientSignature = cqSigner.signHex(lenient);
        CreditRating first = cqBureau.recordRating(lenient, lenientSignature);
        sync();
        assertThat(first.revision()).isEqualTo(1);
        CreditRating stricter = cqBureau.rate(firm.uscc(), year, "C", "refused the inspection order in December",
                cqSigner);
        sync();
        assertThat(stricter.statement().revision()).isEqualTo(2);
        assertThat(stricter.statement().replacesRatingHash()).isNotBlank();

        // The lenient statement and its signature are both public on the ledger.
        CreditRegistryClient cqBureauViaCd = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chengdu"));
        assertThatThrownBy(() -> cqBureauViaCd.recordRating(lenient, lenientSignature))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"))
                .hasMessageContaining("cannot be replayed");
        sync();
        CreditRating current = cdInspector.rating(firm.uscc(), cq, year);
        assertThat(current.statement().level()).as("read through Chengdu's peer").isEqualTo(CreditLevel.C);
        assertThat(current).isEqualTo(stricter);
    }

    // ------------------------------------------------------------------ item 3: transaction times

    @Test
    void eachPeerRefusesAProposalStampedAwayFromItsClock() throws Exception {
        MspIdentity bureau = net.identity("chengdu", "bureau");
        try (Gateway gw = net.rawGateway("chengdu", "bureau", "chengdu")) {
            ClockWindow window = Json.read(new String(stamped(gw, bureau, Duration.ZERO,
                    SettingsTransactions.GET_CLOCK_WINDOW).evaluate(), StandardCharsets.UTF_8), ClockWindow.class);
            assertThat(window.seconds()).as("the hand-built proposal path works when the time is right").isPositive();

            for (Duration off : List.of(Duration.ofMinutes(-30), Duration.ofMinutes(30))) {
                assertThatThrownBy(() -> stamped(gw, bureau, off, SettingsTransactions.GET_CLOCK_WINDOW).evaluate())
                        .isInstanceOf(GatewayException.class).hasMessageContaining("INVALID_INPUT")
                        .hasMessageContaining("transaction timestamp");
            }
            List<SettingProposal> before = cqCases.settingProposals(null);
            assertThatThrownBy(() -> stamped(gw, bureau, Duration.ofHours(-6),
                    SettingsTransactions.PROPOSE_CLOCK_WINDOW, "3600").endorse())
                    .as("a backdated submit is not endorsed")
                    .isInstanceOfSatisfying(EndorseException.class, e -> assertThat(e.getDetails())
                            .as("the peers' refusals").isNotEmpty()
                            .allSatisfy(d -> assertThat(d.getMessage()).contains("INVALID_INPUT", "transaction timestamp")));
            sync();
            assertThat(cqCases.settingProposals(null)).as("nothing written").isEqualTo(before);
        }
    }

    /** A proposal of the settings contract signed by {@code who}, with its timestamp moved by {@code shift}. */
    private Proposal stamped(Gateway gw, MspIdentity who, Duration shift, String transaction, String... args)
            throws Exception {
        Proposal built = gw.getNetwork(net.description.channel())
                .getContract(net.description.chaincode(), SettingsTransactions.CONTRACT)
                .newProposal(transaction).addArguments(args).build();
        ProposedTransaction proposed = ProposedTransaction.parseFrom(built.getBytes());
        org.hyperledger.fabric.protos.peer.Proposal proposal =
                org.hyperledger.fabric.protos.peer.Proposal.parseFrom(proposed.getProposal().getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        Instant at = Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(),
                channelHeader.getTimestamp().getNanos()).plus(shift);
        ChannelHeader moved = channelHeader.toBuilder().setTimestamp(
                Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano())).build();
        byte[] proposalBytes = proposal.toBuilder()
                .setHeader(header.toBuilder().setChannelHeader(moved.toByteString()).build().toByteString())
                .build().toByteArray();
        SignedProposal signed = proposed.getProposal().toBuilder().setProposalBytes(ByteString.copyFrom(proposalBytes))
                .build();
        byte[] signature = who.signer().sign(Hashes.sha256(proposalBytes));
        return gw.newSignedProposal(proposed.toBuilder().setProposal(signed).build().toByteArray(), signature);
    }

    // ------------------------------------------------------------------ item 1: shared settings

    @Test
    void aRegionCannotPutItsOwnCaseDeadlinesInForceAndTheOldOnesStayUntilTheOtherAccepts() {
        for (SettingProposal open : cqCases.settingProposals(SettingProposal.PROPOSED)) {
            if (open.kind().equals(SettingProposal.CASE_SETTINGS)) {
                (open.proposingRegion().equals(cd) ? cqCases : cdCases).declineSetting(open.id(),
                        "left open by an earlier run");
                sync();
            }
        }
        CaseSettings before = cdCases.caseSettings();
        int shorter = Math.max(1, before.acceptanceWorkingDays() - 1);
        SettingProposal p = cqCases.proposeCaseSettings(shorter, before.assistWorkingDays());
        sync();
        assertThat(p.status()).isEqualTo(SettingProposal.PROPOSED);
        assertThat(cdCases.caseSettings()).as("read through Chengdu's peer: not in force yet").isEqualTo(before);

        assertThatThrownBy(() -> cqCases.acceptSetting(p.id()))
                .as("Chongqing accepting its own proposal")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        CaseRegistryClient cdInspectorCases = new CaseRegistryClient(net.gateway("chengdu", "inspector1", "chengdu"));
        assertThatThrownBy(() -> cdInspectorCases.acceptSetting(p.id()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        sync();
        assertThat(cdCases.caseSettings()).isEqualTo(before);

        SettingProposal declined = cdCases.declineSetting(p.id(), "one working day fewer is too short for transfers");
        sync();
        assertThat(declined.status()).isEqualTo(SettingProposal.DECLINED);
        assertThat(cqCases.caseSettings()).as("read through Chongqing's peer").isEqualTo(before);
    }

    @Test
    void theOrder45ThresholdIsTheListingRegionsOwnAndTheCallerCannotPassOne() throws Exception {
        cdBureau.setWageArrearsThreshold(2_000_000);
        sync();
        Enterprise firm = register(cqBureau, "91500000");
        Violation small = cdInspector.recordViolation(new ViolationInput(firm.uscc(), ViolationType.WAGE_ARREARS,
                150_000, 3, today().minusDays(3).toString(), sha256("small arrears " + firm.uscc()), false, false,
                ViolationStatus.PENALIZED));
        sync();

        // Chongqing lowering its own threshold to 1 fen changes nothing for Chengdu.
        WageArrearsThreshold cqOwn = cqBureau.setWageArrearsThreshold(1);
        sync();
        assertThat(cqOwn.regionCode()).isEqualTo(cq);
        assertThat(cqBureau.wageArrearsThreshold(cd).amountFen()).isEqualTo(2_000_000);

        // The old request shape, with the caller's own threshold of 1 fen, is refused outright.
        RegistryGateway cdRaw = net.gateway("chengdu", "bureau", "chengdu");
        String withThreshold = "{\"violationId\":\"" + small.id() + "\",\"orderIgnored\":true,\"thresholdFen\":1}";
        assertThatThrownBy(() -> cdRaw.submit(BlacklistTransactions.CONTRACT, BlacklistTransactions.LIST, withThreshold))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"))
                .hasMessageContaining("thresholdFen");
        assertThatThrownBy(() -> cdBureau.list(new cn.cdcq.registry.common.credit.ListingInput(small.id(), true,
                List.of())))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"))
                .hasMessageContaining("2000000 fen");
        sync();
        assertThat(cqBureau.blacklistStatus(firm.uscc()).listings()).as("nothing listed")
                .extracting(WageArrearsListing::violationId).doesNotContain(small.id());
    }

    // ------------------------------------------------------------------ item 2: jurisdiction

    @Test
    void chongqingCannotRegisterOrAccreditACodeOfChengduNorRegisterItsOwnCodeAsChengdu() {
        String chengduCode = newUscc("91510104");
        assertThatThrownBy(() -> cqBureau.registerEnterprise(chengduCode, "Squatted firm", false, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                .hasMessageContaining("belongs to region " + cd);
        cn.cdcq.registry.client.certificate.AccreditationClient cqAccreditation =
                new cn.cdcq.registry.client.certificate.AccreditationClient(net.gateway("chongqing", "bureau", "chongqing"));
        String chengduCenter = newUscc("52510100");
        assertThatThrownBy(() -> cqAccreditation.accredit(new cn.cdcq.registry.common.certificate.AccreditationRequest(
                chengduCenter, "Squatted center", List.of(new cn.cdcq.registry.common.certificate.AccreditationScope(
                        "4-04-05-01", 3)), today().minusDays(1).toString(), today().plusYears(1).toString())))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                .hasMessageContaining("belongs to region " + cd);
        sync();
        assertThatThrownBy(() -> cdInspector.enterprise(chengduCode)).as("nothing registered, read through Chengdu")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));

        // A code from elsewhere in China (Beijing, 11) is registered by the region where it operates.
        Enterprise beijing = register(cqBureau, "91110108");
        assertThat(beijing.regionCode()).isEqualTo(cq);
        assertThat(cdInspector.enterprise(beijing.uscc()).regionCode()).isEqualTo(cq);
    }

    // ------------------------------------------------------------------ item 6: inspector registers

    @Test
    void chongqingCannotSquatAChengduInspectorIdNorWithdrawAChengduInspector() {
        cn.cdcq.registry.client.credit.SpotCheckClient cqSpot =
                new cn.cdcq.registry.client.credit.SpotCheckClient(net.gateway("chongqing", "bureau", "chongqing"));
        cn.cdcq.registry.client.credit.SpotCheckClient cdSpot =
                new cn.cdcq.registry.client.credit.SpotCheckClient(net.gateway("chengdu", "bureau", "chengdu"));
        String squatted = String.format("CD-INS-9%05d", RANDOM.nextInt(100_000));
        assertThatThrownBy(() -> cqSpot.registerInspector(squatted))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                .hasMessageContaining("not of region " + cq + "'s form");
        if (cdSpot.inspectors(cd).stream().noneMatch(i -> i.inspectorId().equals("CD-INS-0001"))) {
            cdSpot.registerInspector("CD-INS-0001");
        }
        sync();
        assertThatThrownBy(() -> cqSpot.withdrawInspector("CD-INS-0001"))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        sync();
        assertThat(cdSpot.inspectors(cd)).as("read through Chengdu's peer: unchanged")
                .extracting(cn.cdcq.registry.common.credit.InspectorEntry::inspectorId)
                .contains("CD-INS-0001").doesNotContain(squatted);
    }

    @Test
    void theDivisionPrefixesAreInForceAfterStartAndASecondBootstrapChangesNothing() throws Exception {
        RegionRegistryClient reader = new RegionRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));
        // Set by scripts/start.sh's bootstrap-regions (the end-to-end fixtures no longer set them).
        assertThat(reader.region(cd).divisionPrefixes()).containsExactly("51");
        assertThat(reader.region(cq).divisionPrefixes()).containsExactly("50");
        E2eServices.CliRun again = new E2eServices().cli(120, "bootstrap-regions");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).as(again.toString())
                .contains("region " + cd + " covers divisions [\"51\"]: nothing to do")
                .contains("region " + cq + " covers divisions [\"50\"]: nothing to do")
                .doesNotContain("proposed");
        assertThat(reader.pendingProposals()).noneMatch(p -> p.kind() == RegionProposal.Kind.DIVISIONS);
    }

    @Test
    void aPendingInspectorIsRefusedAndAChongqingIdentityCannotConfirmAChengduId() throws Exception {
        SpotCheckClient cdSpot = new SpotCheckClient(net.gateway("chengdu", "bureau", "chengdu"));
        String id = String.format("CD-INS-7%07d", RANDOM.nextInt(10_000_000));
        E2eServices services = new E2eServices();
        E2eServices.Service cdAdmin = services.admin("chengdu");
        // The inspector's account (enrolled at Chengdu's CA with this inspectorId), registered by the
        // bureau directly on the ledger, not through the service: the entry stays pending.
        E2eServices.Service inspector = services.createAccount(cdAdmin, "cd-ins-" + id.substring(7).toLowerCase(),
                "INSPECTOR", "inspectorId", id);
        InspectorEntry pending = cdSpot.registerInspector(id);
        assertThat(pending.confirmed()).isFalse();
        sync();
        E2eServices.Answer refused = services.post(inspector, "/api/v1/violations", Json.mapper().createObjectNode()
                .put("uscc", register(cdBureau, "91510100").uscc()).put("type", "OTHER").put("amountFen", 0)
                .put("workersAffected", 1).put("decisionDate", today().toString())
                .put("decisionDocumentHash", sha256(id)).put("major", false).put("massIncident", false)
                .put("status", "OPEN"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.toString()).contains("FORBIDDEN").contains("pending");
        // A Chongqing inspector's identity (ChongqingMSP, validated by the peers against Chongqing's CA) cannot confirm it.
        SpotCheckClient cqInspector = new SpotCheckClient(net.gateway("chongqing", "inspector1", "chongqing"));
        assertThatThrownBy(() -> cqInspector.confirmInspector(id))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        // Nor another Chengdu inspector with a different inspectorId.
        SpotCheckClient cdInspector2 = new SpotCheckClient(net.gateway("chengdu", "inspector2", "chengdu"));
        assertThatThrownBy(() -> cdInspector2.confirmInspector(id))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        sync();
        assertThat(cdSpot.inspectors(cd)).as("read through Chengdu's peer: still pending")
                .filteredOn(e -> e.inspectorId().equals(id)).singleElement()
                .satisfies(e -> assertThat(e.confirmed()).isFalse());
    }

    // ------------------------------------------------------------------ item 4: spot checks

    @Test
    void noRegionCanSteerASpotCheckAndTheOtherRegionCannotOpenRevealForOrRedrawChengdusRegister() {
        SpotCheckClient cdSpot = new SpotCheckClient(net.gateway("chengdu", "bureau", "chengdu"));
        SpotCheckClient cqSpot = new SpotCheckClient(net.gateway("chongqing", "bureau", "chongqing"));
        register(cdBureau, "91510100");
        for (int i = 0; i < 2; i++) {
            cdSpot.registerInspector(String.format("CD-INS-8%07d", RANDOM.nextInt(10_000_000)));
        }
        cdSpot.setWeights(1, 2, 4, 2);
        KeyPair cdKey = E2eNetwork.drawKey();
        KeyPair cqKey = E2eNetwork.drawKey();
        cdSpot.setDrawKey(E2eNetwork.pem(cdKey));
        cqSpot.setDrawKey(E2eNetwork.pem(cqKey));
        sync();
        String period = E2eNetwork.unusedPeriod();
        List<SpotCheckDraw> before = cdSpot.draws();

        assertThatThrownBy(() -> cqSpot.openDraw(new SpotCheckRequest(cd, 1, 2, period)))
                .as("Chongqing opening a draw on Chengdu's register")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                .hasMessageContaining("only from its own register");
        sync();
        assertThat(cdSpot.draws()).as("read through Chengdu's peer: no draw").isEqualTo(before);

        SpotCheckDraw opened = cdSpot.openDraw(new SpotCheckRequest(cd, 1, 2, period));
        sync();
        assertThat(opened.revealBy()).isNotNull();
        assertThat(opened.drawKeys()).containsEntry(cq, java.util.Base64.getEncoder()
                .encodeToString(cqKey.getPublic().getEncoded()));
        assertThatThrownBy(() -> cdSpot.openDraw(new SpotCheckRequest(cd, 1, 2, period)))
                .as("a second draw of the same register and period while the first is open")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        String cdSig = Hashes.hex(SpotCheckDrawing.contribution(cdKey.getPrivate(), opened.id()));
        String cqSig = Hashes.hex(SpotCheckDrawing.contribution(cqKey.getPrivate(), opened.id()));
        String chosen = Hashes.hex(SpotCheckDrawing.contribution(E2eNetwork.drawKey().getPrivate(), opened.id()));
        assertThatThrownBy(() -> cqSpot.reveal(opened.id(), chosen))
                .as("Chongqing revealing a value of its choosing (a signature under an unregistered key)")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
        assertThatThrownBy(() -> cqSpot.reveal(opened.id(), cdSig))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
        assertThatThrownBy(() -> cqSpot.lapseDraw(opened.id())).as("lapsing before the deadline")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThatThrownBy(() -> cdSpot.consentToRedraw(cd, period)).as("Chengdu consenting to its own redraw")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        sync();
        SpotCheckDraw unchanged = cqSpot.draw(opened.id());
        assertThat(unchanged).as("read through Chongqing's peer: nothing changed").isEqualTo(opened);
        assertThat(cqSpot.period(cd, period).drawIds()).containsExactly(opened.id());
        assertThat(cqSpot.period(cd, period).consents()).isEmpty();

        cqSpot.reveal(opened.id(), cqSig);
        sync();
        SpotCheckDraw drawn = cdSpot.reveal(opened.id(), cdSig);
        sync();
        assertThat(drawn.status()).isEqualTo(SpotCheckDraw.Status.DRAWN);
        SpotCheckDraw stored = cqSpot.draw(opened.id());
        assertThat(stored.seedHex()).as("anyone: the seed from the two public signatures")
                .isEqualTo(Hashes.sha256Hex(Hashes.fromHex(cdSig), Hashes.fromHex(cqSig)));
        assertThat(SpotCheckDrawing.recompute(stored)).isEqualTo(stored.assignments()).hasSize(1);

        assertThatThrownBy(() -> cdSpot.openDraw(new SpotCheckRequest(cd, 1, 2, period)))
                .as("Chengdu drawing again in the same period without Chongqing's consent")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"))
                .hasMessageContaining("needs the consent of [" + cq + "]");
        cqSpot.consentToRedraw(cd, period);
        sync();
        SpotCheckDraw second = cdSpot.openDraw(new SpotCheckRequest(cd, 1, 2, period));
        sync();
        assertThat(cqSpot.period(cd, period).drawIds()).containsExactly(opened.id(), second.id());
        cdSpot.reveal(second.id(), Hashes.hex(SpotCheckDrawing.contribution(cdKey.getPrivate(), second.id())));
        cqSpot.reveal(second.id(), Hashes.hex(SpotCheckDrawing.contribution(cqKey.getPrivate(), second.id())));
        sync();
    }

    // ------------------------------------------------------------------ item 7: no personal data in free text

    @Test
    void freeTextHoldingAResidentIdOrMobileNumberIsRefusedAndNeverReachesTheLedger() {
        String id = "11010519900307123" + cn.cdcq.registry.common.format.ResidentIdNumber.checkCharacter("11010519900307123");
        String uscc = newUscc("91500000");
        assertThatThrownBy(() -> cqBureau.registerEnterprise(uscc, "Workshop of the owner on 13800138000", false, null))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"))
                .hasMessageContaining("holds a mobile number");
        for (SettingProposal open : cqCases.settingProposals(SettingProposal.PROPOSED)) {
            if (open.kind().equals(SettingProposal.CASE_SETTINGS)) {
                (open.proposingRegion().equals(cd) ? cqCases : cdCases).declineSetting(open.id(),
                        "left open by an earlier run");
                sync();
            }
        }
        CaseSettings before = cdCases.caseSettings();
        SettingProposal p = cdCases.proposeCaseSettings(before.acceptanceWorkingDays() + 1, before.assistWorkingDays());
        sync();
        assertThatThrownBy(() -> cqCases.declineSetting(p.id(), "the proposer " + id + " must call us"))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"))
                .hasMessageContaining("holds a resident ID number").hasMessageNotContaining(id);
        sync();
        assertThatThrownBy(() -> cdBureau.enterprise(uscc)).as("read through Chengdu's peer: no such enterprise")
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
        assertThat(cdCases.settingProposals(SettingProposal.PROPOSED)).as("the proposal is still open, undecided")
                .anySatisfy(q -> assertThat(q.id()).isEqualTo(p.id()));
        cqCases.declineSetting(p.id(), "one more working day is not needed");
        sync();
    }

    // ------------------------------------------------------------------ helpers

    private Enterprise register(CreditRegistryClient bureau, String prefix) {
        String uscc = newUscc(prefix);
        Enterprise e = bureau.registerEnterprise(uscc, "Trust test enterprise " + uscc.substring(8, 14), false, null);
        sync();
        return e;
    }

    private void sync() {
        net.awaitPeersInSync();
    }

    private static LocalDate today() {
        return cn.cdcq.registry.common.format.IsoDate.dateOf(Instant.now());
    }
}
