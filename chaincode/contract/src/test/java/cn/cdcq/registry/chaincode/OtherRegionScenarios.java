package cn.cdcq.registry.chaincode;

import cn.cdcq.registry.chaincode.anchor.CheckpointContract;
import cn.cdcq.registry.chaincode.certificate.CertificateWorld;
import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.report.ReportWorld;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.chaincode.testing.TestNetwork;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.RegionProposal;
import cn.cdcq.registry.common.settings.SettingProposal;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CD_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.hash;

/**
 * For each transaction, a record of this region (Chengdu) for the other region
 * (Chongqing) to act on, and otherwise valid arguments: the last three columns of
 * docs/authorization.md. Each scenario builds a fresh world from the existing fixtures
 * ({@link CreditFixture}, {@link CertificateWorld}), writes Chengdu's record as Chengdu would, and
 * returns the arguments of the call (after the context). Reads too: they are called on the
 * record (by its id where they take one).
 */
final class OtherRegionScenarios {

    static final Instant START = Instant.parse("2026-11-20T02:00:00Z");
    private static final KeyPair CD_DRAW_KEY = CreditFixture.drawKeyPair();
    private static final KeyPair CQ_DRAW_KEY = CreditFixture.drawKeyPair();
    private static final String CALENDAR_2026 = "{\"year\":2026,\"holidays\":[\"2026-10-01\"]}";
    private static final String CALENDAR_2027 = "{\"year\":2027,\"holidays\":[\"2027-01-01\"]}";

    /** A world set up for one call: its network, Chongqing's callers (bureau, center, inspector) and the arguments. */
    record Call(TestNetwork network, List<TestIdentity> chongqing, Object[] args) {
    }

    private OtherRegionScenarios() {
    }

    static Map<String, Supplier<Call>> all() {
        Map<String, Supplier<Call>> s = new TreeMap<>();
        certificates(s);
        credit(s);
        cases(s);
        regionsAndSettings(s);
        checkpoints(s);
        objections(s);
        reads(s);
        reports(s);
        return s;
    }

    private static Supplier<Call> cert(Function<CertificateWorld, Object[]> setup) {
        return () -> {
            CertificateWorld w = new CertificateWorld();
            w.agreeDivisions();
            Object[] args = setup.apply(w);
            return new Call(w.network, List.of(w.cqBureau, w.cqCenter, w.cqInspector), args);
        };
    }

    private static Supplier<Call> credit(Function<CreditFixture, Object[]> setup) {
        return () -> {
            CreditFixture f = new CreditFixture(START);
            CertificateWorld.agreeDivisions(f.network, f.regions, f.cdBureau, f.cqBureau);
            Object[] args = setup.apply(f);
            return new Call(f.network, List.of(f.cqBureau, f.cqCenter, f.cqInspector), args);
        };
    }

    /** A Chengdu record written by {@code setup}, and fixed arguments. */
    private static Supplier<Call> creditWith(Consumer<CreditFixture> setup, Object... args) {
        return credit(f -> {
            setup.accept(f);
            return args;
        });
    }

    private static Supplier<Call> certWith(Consumer<CertificateWorld> setup, Object... args) {
        return cert(w -> {
            setup.accept(w);
            return args;
        });
    }

    private static Object[] args(Object... args) {
        return args;
    }

    private static void certificates(Map<String, Supplier<Call>> s) {
        List<AccreditationScope> scopes = List.of(new AccreditationScope(CertificateWorld.OCCUPATION, 3));
        // Accreditations: Chengdu's center, accredited by Chengdu in CertificateWorld.
        s.put("accreditation:accredit", cert(w -> args(Json.write(new AccreditationRequest(
                CertificateWorld.withCheck("52510100MJ0000009"), "Another Chengdu center", scopes, "2025-01-01",
                "2027-12-31")))));
        s.put("accreditation:amend", cert(w -> args(Json.write(new AccreditationRequest(CertificateWorld.CD_CENTER,
                "Chengdu Vocational Skills Center", scopes, "2025-01-01", "2030-12-31")))));
        s.put("accreditation:suspend", cert(w -> args(CertificateWorld.CD_CENTER, "QUALITY_CONCERN", "x")));
        s.put("accreditation:reinstate", cert(w -> {
            w.network.invoke(w.cdBureau, ctx -> w.accreditation.suspend(ctx, CertificateWorld.CD_CENTER,
                    "QUALITY_CONCERN", "audit"));
            return args(CertificateWorld.CD_CENTER, "OTHER", "cleared");
        }));
        s.put("accreditation:revoke", cert(w -> args(CertificateWorld.CD_CENTER, "FRAUD", "x")));
        // Certificates: numbers of Chengdu's space, claims of Chengdu's center, signed with Chengdu's key.
        s.put("certificate:issue", cert(w -> args(CertificateWorld.request(CertificateWorld.claims("CD", 1, 1),
                w.attestationKey("CD")))));
        s.put("certificate:issueBatch", cert(w -> args(CertificateWorld.batchRequest(List.of(
                CertificateWorld.claims("CD", 1, 1), CertificateWorld.claims("CD", 2, 2)), w.attestationKey("CD")))));
        s.put("certificate:suspend", cert(w -> args(issued(w), "UNDER_INVESTIGATION", "x")));
        s.put("certificate:reinstate", cert(w -> {
            String n = issued(w);
            w.network.invoke(w.cdBureau, ctx -> w.certificates.suspend(ctx, n, "UNDER_INVESTIGATION", "complaint"));
            return args(n, "INVESTIGATION_CLEARED", "x");
        }));
        s.put("certificate:revoke", cert(w -> args(issued(w), "FRAUDULENT_ASSESSMENT", "x")));
        // A status request: Chengdu's center about its own certificate; Chengdu's bureau decides it.
        s.put("certificate:requestStatusChange", cert(w -> args(issued(w), "SUSPENDED", "UNDER_INVESTIGATION", "x")));
        s.put("certificate:declineStatusRequest", cert(w -> args(requested(w), "x")));
        // Recognition: a rule Chengdu proposed (from Chongqing's certificates to Chengdu); a case on a
        // Chengdu certificate.
        s.put("recognition:proposeRule", cert(w -> args(Json.write(new RecognitionRuleProposal(
                CertificateWorld.OCCUPATION, 3, "CD", "CQ", "2025-06-01", null)))));
        s.put("recognition:acceptRule", cert(w -> args(proposedRule(w).id())));
        s.put("recognition:declineRule", cert(w -> args(proposedRule(w).id(), "standards differ")));
        s.put("recognition:withdrawRule", cert(w -> {
            String id = proposedRule(w).id();
            w.network.invoke(w.cqBureau, ctx -> w.recognition.acceptRule(ctx, id));
            return args(id, "standards diverged");
        }));
        s.put("recognition:submitCase", cert(w -> args(issued(w), "CQ", "worker moved")));
        s.put("recognition:decideCase", cert(w -> args(submittedCase(w), "CQ", "ACCEPTED", "EQUIVALENT_STANDARD",
                "same national standard")));
        s.put("recognition:withdrawCase", cert(w -> args(submittedCase(w), "CQ", "worker went back")));
        s.put("subsidy:claim", cert(w -> args(Json.write(new SubsidyClaimRequest(issued(w), 100, "2026-01-01",
                null)))));
    }

    private static String issued(CertificateWorld w) {
        CertificateClaims claims = CertificateWorld.claims("CD", 1, 1);
        w.issue(claims);
        return claims.number();
    }

    /** Chengdu's certificate with its center's pending request that Chengdu's bureau suspend it. */
    private static String requested(CertificateWorld w) {
        String n = issued(w);
        w.network.invoke(w.cdCenter, ctx -> w.certificates.requestStatusChange(ctx, n, "SUSPENDED",
                "UNDER_INVESTIGATION", "assessment under review"));
        return n;
    }

    private static RecognitionRule proposedRule(CertificateWorld w) {
        String json = Json.write(new RecognitionRuleProposal(CertificateWorld.OCCUPATION, 3, "CQ", "CD", "2025-06-01",
                null));
        return Json.read(w.network.<String>invoke(w.cdBureau, ctx -> w.recognition.proposeRule(ctx, json)),
                RecognitionRule.class);
    }

    /** Chengdu's certificate, submitted by Chengdu for recognition in Chongqing. */
    private static String submittedCase(CertificateWorld w) {
        String n = issued(w);
        w.network.invoke(w.cdBureau, ctx -> w.recognition.submitCase(ctx, n, "CQ", "worker moved to Chongqing"));
        return n;
    }

    private static void credit(Map<String, Supplier<Call>> s) {
        // Enterprises: CD_FIRM, a Chengdu code registered by Chengdu in CreditFixture.
        s.put("enterprise:registerEnterprise", credit(f -> args(CreditFixture.uscc("91510100MA6100009"),
                "Chengdu Jinjiang Catering Co.", "false", "")));
        s.put("enterprise:setEnterpriseKind", credit(f -> args(CD_FIRM, "PLATFORM", "runs a delivery platform")));
        // Violations and ratings of CD_FIRM, recorded by Chengdu.
        s.put("violation:recordViolation", credit(f -> args(violationJson(CD_FIRM))));
        s.put("violation:updateStatus", credit(f -> args(chengduViolation(f).id(), "RECTIFIED")));
        // The notice to Chengdu of a violation Chongqing recorded against a Chengdu enterprise.
        s.put("violation:acknowledgeNotice", credit(f -> args(noticeToChengdu(f))));
        s.put("rating:recordRating", credit(f -> {
            CreditRatingStatement st = f.preview(f.cdBureau, CD_FIRM, 2026, "", "");
            return args(Json.write(st), Hashes.hex(CreditRatingStatement.sign(st, f.cdAttestation.privateKey())));
        }));
        // Blacklist: wage arrears of CD_FIRM recorded and listed by Chengdu.
        s.put("blacklist:list", credit(f -> args(listingJson(arrears(f).id()))));
        s.put("blacklist:removeEarly", credit(f -> {
            WageArrearsListing l = chengduListing(f);
            return args("{\"listingId\":\"" + l.id() + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-11-19\","
                    + "\"pledgeDocumentHash\":\"" + hash("pledge") + "\"}");
        }));
        // Spot checks: Chengdu's inspectors, conflicts and register.
        s.put("spotcheck:registerInspector", credit(f -> args("CD-INS-0009")));
        // A Chengdu id registered by Chengdu's bureau, still pending: only that inspector may confirm it.
        s.put("spotcheck:confirmInspector", creditWith(f -> f.network.invoke(f.cdBureau,
                ctx -> f.spotchecks.registerInspector(ctx, "CD-INS-0009")), "CD-INS-0009"));
        s.put("spotcheck:withdrawInspector", credit(f -> args("CD-INS-0002")));
        s.put("spotcheck:declareConflict", credit(f -> args("CD-INS-0001", CD_FIRM)));
        s.put("spotcheck:withdrawConflict", creditWith(OtherRegionScenarios::chengduConflict, "CD-INS-0001", CD_FIRM));
        s.put("spotcheck:setWeights", credit(f -> args("{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}")));
        s.put("spotcheck:openDraw", creditWith(f -> drawReady(f), drawRequest()));
        s.put("spotcheck:reveal", credit(f -> {
            String id = chengduDraw(f).id();
            return args(id, CreditFixture.drawContribution(CQ_DRAW_KEY, id));
        }));
        s.put("spotcheck:lapseDraw", credit(f -> {
            String id = chengduDraw(f).id();
            f.network.setClock(START.plus(java.time.Duration.ofDays(30)));
            return args(id);
        }));
        s.put("spotcheck:consentToRedraw", credit(f -> {
            String id = chengduDraw(f).id();
            f.network.setClock(START.plus(java.time.Duration.ofDays(30)));
            f.network.invoke(f.cdBureau, ctx -> f.spotchecks.lapseDraw(ctx, id));
            return args("CD", "2026");
        }));
        s.put("spotcheck:publishResult", credit(f -> {
            SpotCheckDraw d = chengduDraw(f);
            f.network.invoke(f.cqBureau, ctx -> f.spotchecks.reveal(ctx, d.id(),
                    CreditFixture.drawContribution(CQ_DRAW_KEY, d.id())));
            SpotCheckDraw drawn = Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.reveal(ctx, d.id(),
                    CreditFixture.drawContribution(CD_DRAW_KEY, d.id()))), SpotCheckDraw.class);
            return args(d.id(), drawn.assignments().get(0).uscc(), "NO_ISSUES", hash("findings"));
        }));
    }

    private static String violationJson(String uscc) {
        return "{\"uscc\":\"" + uscc + "\",\"type\":\"WAGE_ARREARS\",\"amountFen\":5000000,\"workersAffected\":12,"
                + "\"decisionDate\":\"2026-11-01\",\"decisionDocumentHash\":\"" + hash("decision")
                + "\",\"major\":false,"
                + "\"massIncident\":false,\"status\":\"PENALIZED\"}";
    }

    private static Violation chengduViolation(CreditFixture f) {
        return f.penalized(f.cdInspector, CD_FIRM, "CHILD_LABOR", "2026-11-01");
    }

    private static Violation arrears(CreditFixture f) {
        f.setThreshold(f.cdBureau, 1_000_000);
        return f.record(f.cdInspector, CD_FIRM, "WAGE_ARREARS", 5_000_000, "2026-11-01", false, false, "PENALIZED");
    }

    private static String listingJson(String violationId) {
        return "{\"violationId\":\"" + violationId + "\",\"orderIgnored\":true,\"responsiblePersonPseudonyms\":[\""
                + hash("pseudonym of the legal representative") + "\"]}";
    }

    private static String drawRequest() {
        return "{\"registerRegion\":\"CD\",\"enterpriseCount\":1,\"inspectorsPerEnterprise\":2}";
    }

    /** Weights and draw keys in place: Chengdu could open a draw on its register. */
    private static void drawReady(CreditFixture f) {
        f.network.invoke(f.cdBureau, ctx -> f.spotchecks.setWeights(ctx, "{\"a\":1,\"b\":2,\"c\":4,\"unrated\":2}"));
        f.network.invoke(f.cdBureau, ctx -> f.regions.setDrawKey(ctx, CreditFixture.drawKeyPem(CD_DRAW_KEY)));
        f.network.invoke(f.cqBureau, ctx -> f.regions.setDrawKey(ctx, CreditFixture.drawKeyPem(CQ_DRAW_KEY)));
    }

    /** A draw Chengdu opened on its own register. */
    private static SpotCheckDraw chengduDraw(CreditFixture f) {
        drawReady(f);
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.spotchecks.openDraw(ctx, drawRequest())),
                SpotCheckDraw.class);
    }

    private static void cases(Map<String, Supplier<Call>> s) {
        // Complaints Chengdu filed about CD_FIRM; an assist request Chengdu sent to Chongqing.
        s.put("cases:fileComplaint", creditWith(f -> calendars(f), complaintJson(CD_FIRM)));
        s.put("cases:acceptComplaint", credit(f -> args(chengduComplaint(f).id())));
        s.put("cases:declineComplaint", credit(f -> args(chengduComplaint(f).id(), "not our case", hash("decision"))));
        s.put("cases:closeComplaint", credit(f -> {
            String id = chengduComplaint(f).id();
            f.network.invoke(f.cdBureau, ctx -> f.cases.acceptComplaint(ctx, id));
            return args(id, "NOT_UPHELD", hash("report"));
        }));
        s.put("cases:requestAssist", creditWith(f -> calendars(f), assistJson("CD")));
        s.put("cases:answerAssist", credit(f -> args(chengduAssist(f).id(), hash("answer"))));
        s.put("cases:flagOverdue", creditWith(f -> calendars(f)));
    }

    private static void calendars(CreditFixture f) {
        f.agreeCalendar(f.cdBureau, f.cqBureau, CALENDAR_2026);
        f.agreeCalendar(f.cdBureau, f.cqBureau, CALENDAR_2027);
    }

    private static String complaintJson(String uscc) {
        return "{\"workerPseudonym\":\"" + hash("pseudonym of a worker") + "\",\"employerUscc\":\"" + uscc
                + "\",\"category\":\"WAGE_ARREARS\",\"documentHash\":\"" + hash("complaint file") + "\"}";
    }

    private static Complaint chengduComplaint(CreditFixture f) {
        calendars(f);
        String json = complaintJson(CD_FIRM);
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.cases.fileComplaint(ctx, json)),
                Complaint.class);
    }

    private static String assistJson(String toRegion) {
        return "{\"kind\":\"EVIDENCE_COLLECTION\",\"toRegion\":\"" + toRegion + "\",\"uscc\":\"" + CD_FIRM
                + "\",\"requestDocumentHash\":\"" + hash("letter") + "\"}";
    }

    private static void regionsAndSettings(Map<String, Supplier<Call>> s) {
        // Region registry: Chengdu's entry and Chengdu's proposals.
        s.put("region:proposeRegistration", credit(f -> args("CD", "Chengdu bureau",
                attestation(CreditFixture.CQ_MSP).certificatePem())));
        s.put("region:proposeDivisions", credit(f -> args("50,51")));
        s.put("region:proposeRotation", credit(f -> args(
                attestation(CreditFixture.CD_MSP).certificatePem())));
        s.put("region:approve", credit(f -> args(chengduRegionProposal(f).id())));
        s.put("region:withdraw", credit(f -> args(chengduRegionProposal(f).id())));
        s.put("region:setDrawKey", credit(f -> args(CreditFixture.drawKeyPem(CQ_DRAW_KEY))));
        // Shared settings: proposals Chengdu made.
        s.put("settings:proposeCalendar", credit(f -> args(CALENDAR_2027)));
        s.put("settings:proposeCaseSettings", credit(f -> args(
                "{\"acceptanceWorkingDays\":7,\"assistWorkingDays\":10}")));
        s.put("settings:proposeClockWindow", credit(f -> args("60")));
        s.put("settings:acceptProposal", credit(f -> args(chengduSettingProposal(f).id())));
        s.put("settings:declineProposal", credit(f -> args(chengduSettingProposal(f).id(), "too short")));
        s.put("settings:withdrawProposal", credit(f -> args(chengduSettingProposal(f).id(), "changed our mind")));
        s.put("settings:setWageArrearsThreshold", credit(f -> args("1000000")));
    }

    private static RegionProposal chengduRegionProposal(CreditFixture f) {
        String pem = attestation(CreditFixture.CD_MSP).certificatePem();
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.regions.proposeRotation(ctx, pem)),
                RegionProposal.class);
    }

    private static SettingProposal chengduSettingProposal(CreditFixture f) {
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.settings.proposeClockWindow(ctx, "60")),
                SettingProposal.class);
    }

    private static final CheckpointContract checkpoints = new CheckpointContract();

    private static void checkpoints(Map<String, Supplier<Call>> s) {
        // Checkpoint 1, proposed and signed by Chengdu.
        s.put("checkpoint:proposeCheckpoint", credit(f -> {
            CheckpointStatement st = statement("CQ");
            return args(Json.write(st), Hashes.hex(st.sign(f.cqAttestation.privateKey())));
        }));
        s.put("checkpoint:countersignCheckpoint", credit(f -> {
            CheckpointStatement st = chengduCheckpoint(f, checkpoints);
            return args("1", Hashes.hex(st.sign(f.cqAttestation.privateKey())));
        }));
        s.put("checkpoint:refuseCheckpoint", creditWith(f -> chengduCheckpoint(f, checkpoints), "1", "ROOT_MISMATCH",
                "our root differs"));
        s.put("checkpoint:recordAnchor", credit(f -> {
            CheckpointStatement st = chengduCheckpoint(f, checkpoints);
            String signature = Hashes.hex(st.sign(f.cqAttestation.privateKey()));
            f.network.invoke(f.cqBureau, ctx -> checkpoints.countersignCheckpoint(ctx, "1", signature));
            return args("1", Json.write(new Checkpoint.Anchor(Checkpoint.AnchorStatus.PENDING, 31337,
                    "0x" + "ab".repeat(20), "0x" + "cd".repeat(20), "0x" + "ef".repeat(32), null, 0, 1, null, null)));
        }));
    }

    private static final cn.cdcq.registry.chaincode.cases.ObjectionContract objectionContract =
            new cn.cdcq.registry.chaincode.cases.ObjectionContract();
    private static final cn.cdcq.registry.chaincode.cases.RepairContract repairContract =
            new cn.cdcq.registry.chaincode.cases.RepairContract();

    /**
     * Objections and repairs (docs/objections.md): Chengdu's records of CD_FIRM, a Chengdu
     * enterprise, so Chengdu both files and decides; Chongqing's callers try either.
     */
    private static void objections(Map<String, Supplier<Call>> s) {
        s.put("objection:file", credit(f -> {
            calendars(f);
            return args(objectionJson(chengduViolation(f).id()));
        }));
        s.put("objection:decide", credit(f -> args(chengduObjection(f).id(),
                "{\"outcome\":\"ANNULLED\",\"reason\":\"the facts were wrong\"}")));
        s.put("objection:get", credit(f -> args(chengduObjection(f).id())));
        s.put("objection:list", creditWith(OtherRegionScenarios::chengduObjection, CD_FIRM, "CD", "PENDING"));
        s.put("repair:apply", credit(f -> args(repairJson(chengduListing(f).id()))));
        s.put("repair:decide", credit(f -> args(chengduRepair(f).id(),
                "{\"outcome\":\"GRANTED\",\"reason\":\"wages paid, pledge on file\"}")));
        s.put("repair:get", credit(f -> args(chengduRepair(f).id())));
        s.put("repair:list", creditWith(OtherRegionScenarios::chengduRepair, CD_FIRM, "CD", "PENDING"));
    }

    private static String objectionJson(String violationId) {
        return "{\"target\":\"VIOLATION\",\"recordId\":\"" + violationId + "\",\"reasonCode\":\"FACTS_INCORRECT\","
                + "\"reason\":\"the workers were adults\",\"evidenceHashes\":[\"" + hash("register extract") + "\"]}";
    }

    /** Chengdu's objection, for its own enterprise, to a violation Chengdu recorded. */
    private static cn.cdcq.registry.common.cases.Objection chengduObjection(CreditFixture f) {
        calendars(f);
        String json = objectionJson(chengduViolation(f).id());
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> objectionContract.file(ctx, json)),
                cn.cdcq.registry.common.cases.Objection.class);
    }

    private static String repairJson(String listingId) {
        return "{\"listingId\":\"" + listingId + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-11-19\","
                + "\"pledgeDocumentHash\":\"" + hash("pledge") + "\"}";
    }

    /** Chengdu's repair application, six months after Chengdu listed its own enterprise. */
    private static cn.cdcq.registry.common.cases.CreditRepair chengduRepair(CreditFixture f) {
        String json = repairJson(chengduListing(f).id());
        f.network.setClock(Instant.parse("2027-06-01T02:00:00Z"));
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> repairContract.apply(ctx, json)),
                cn.cdcq.registry.common.cases.CreditRepair.class);
    }

    /** Reads of Chengdu's records, by id where they take one. */
    private static void reads(Map<String, Supplier<Call>> s) {
        s.put("accreditation:getAccreditation", cert(w -> args(CertificateWorld.CD_CENTER)));
        s.put("accreditation:listAccreditations", cert(w -> args("CD")));
        s.put("certificate:getCertificate", cert(w -> args(issued(w))));
        s.put("certificate:getCertificateHistory", cert(w -> args(issued(w))));
        s.put("certificate:verify", cert(w -> args(issued(w), "")));
        s.put("certificate:listByCenter", certWith(w -> issued(w), CertificateWorld.CD_CENTER, "", "10", ""));
        s.put("certificate:getStatusRequest", cert(w -> args(requested(w))));
        s.put("certificate:listStatusRequests", certWith(w -> requested(w), "CD"));
        s.put("certificate:getBatch", cert(w -> args(w.issueBatch(List.of(CertificateWorld.claims("CD", 1, 1),
                CertificateWorld.claims("CD", 2, 2))).merkleRoot())));
        s.put("recognition:getRule", cert(w -> args(proposedRule(w).id())));
        s.put("recognition:listRules", certWith(w -> proposedRule(w)));
        s.put("recognition:getCase", cert(w -> args(submittedCase(w), "CQ")));
        s.put("recognition:listCases", cert(w -> args(submittedCase(w))));
        s.put("subsidy:getClaimForCertificate", cert(w -> args(chengduSubsidy(w))));
        s.put("subsidy:getRefusal", cert(w -> {
            String n = chengduSubsidy(w);
            String json = Json.write(new SubsidyClaimRequest(n, 100, "2026-02-01", null));
            return args(Json.read(w.network.<String>invoke(w.cdBureau, ctx -> w.subsidy.claim(ctx, json)),
                    SubsidyClaimOutcome.class).refusal().refusalId());
        }));
        s.put("enterprise:getEnterprise", credit(f -> args(CD_FIRM)));
        s.put("enterprise:listEnterprises", credit(f -> args("CD")));
        s.put("enterprise:getCreditProfile", credit(f -> args(CD_FIRM)));
        s.put("violation:getViolation", credit(f -> args(chengduViolation(f).id())));
        s.put("violation:listViolations", creditWith(f -> chengduViolation(f), CD_FIRM));
        s.put("violation:getNotice", credit(f -> args(noticeToChengdu(f))));
        s.put("violation:listNotices", creditWith(f -> noticeToChengdu(f), "CD", "true"));
        s.put("violation:listOverdueNotices", creditWith(f -> noticeToChengdu(f)));
        s.put("rating:previewRating", credit(f -> args(CD_FIRM, "2026", "", "")));
        s.put("rating:getRating", creditWith(OtherRegionScenarios::chengduRating, CD_FIRM, "CD", "2026"));
        s.put("rating:listRatings", creditWith(OtherRegionScenarios::chengduRating, CD_FIRM));
        s.put("rating:getEffectiveLevel", creditWith(OtherRegionScenarios::chengduRating, CD_FIRM));
        s.put("blacklist:getListing", credit(f -> args(chengduListing(f).id())));
        s.put("blacklist:getStatus", creditWith(f -> chengduListing(f), CD_FIRM));
        s.put("spotcheck:listInspectors", credit(f -> args("CD")));
        s.put("spotcheck:listConflicts", creditWith(OtherRegionScenarios::chengduConflict));
        s.put("spotcheck:getWeights", creditWith(f -> drawReady(f), "CD"));
        s.put("spotcheck:getDraw", credit(f -> args(chengduDraw(f).id())));
        s.put("spotcheck:listDraws", creditWith(f -> chengduDraw(f)));
        s.put("spotcheck:getPeriod", creditWith(f -> chengduDraw(f), "CD", "2026"));
        s.put("spotcheck:listResults", credit(f -> args(chengduDraw(f).id())));
        s.put("cases:getComplaint", credit(f -> args(chengduComplaint(f).id())));
        s.put("cases:listComplaints", creditWith(f -> chengduComplaint(f), "CD"));
        s.put("cases:getAssistRequest", credit(f -> args(chengduAssist(f).id())));
        s.put("cases:listAssistRequests", creditWith(f -> chengduAssist(f), "CD"));
        s.put("cases:listOverdue", creditWith(f -> chengduComplaint(f)));
        s.put("calendar:getCalendar", creditWith(f -> calendars(f), "2026"));
        s.put("calendar:getCaseSettings", credit(f -> args()));
        s.put("calendar:addWorkingDays", creditWith(f -> calendars(f), "2026-11-20", "5"));
        s.put("region:getRegion", credit(f -> args("CD")));
        s.put("region:listRegions", credit(f -> args()));
        s.put("region:getRegionOfMsp", credit(f -> args(CreditFixture.CD_MSP)));
        s.put("region:getAttestationCertificates", credit(f -> args("CD")));
        s.put("region:getDrawKeys", creditWith(f -> drawReady(f), "CD"));
        s.put("region:getProposal", credit(f -> args(chengduRegionProposal(f).id())));
        s.put("region:listPendingProposals", creditWith(f -> chengduRegionProposal(f)));
        s.put("region:whoAmI", credit(f -> args()));
        s.put("settings:getProposal", credit(f -> args(chengduSettingProposal(f).id())));
        s.put("settings:listProposals", creditWith(f -> chengduSettingProposal(f), ""));
        s.put("settings:getClockWindow", credit(f -> args()));
        s.put("settings:getWageArrearsThreshold", creditWith(f -> f.setThreshold(f.cdBureau, 1_000_000), "CD"));
        s.put("settings:listWageArrearsThresholds", creditWith(f -> f.setThreshold(f.cdBureau, 1_000_000), "CD"));
        s.put("checkpoint:getCheckpoint", creditWith(f -> chengduCheckpoint(f, checkpoints), "1"));
        s.put("checkpoint:listCheckpoints", creditWith(f -> chengduCheckpoint(f, checkpoints)));
    }

    private static void chengduConflict(CreditFixture f) {
        f.network.invoke(f.cdBureau, ctx -> f.spotchecks.declareConflict(ctx, "CD-INS-0001", CD_FIRM));
    }

    private static void chengduRating(CreditFixture f) {
        f.rate(f.cdBureau, f.cdAttestation, CD_FIRM, 2026, "", "");
    }

    /** A second attestation identity of {@code msp}'s organization, for a registration or a rotation. */
    private static TestIdentity attestation(String msp) {
        return TestIdentities.user(msp, "attestation2", Map.of("role", "attestation"));
    }

    /** A subsidy Chengdu paid for a Chengdu certificate; returns the certificate's number. */
    private static String chengduSubsidy(CertificateWorld w) {
        String n = issued(w);
        String json = Json.write(new SubsidyClaimRequest(n, 100, "2026-01-01", null));
        w.network.invoke(w.cdBureau, ctx -> w.subsidy.claim(ctx, json));
        return n;
    }

    /** The notice to Chengdu of a violation Chongqing's inspector recorded against a Chengdu enterprise. */
    private static String noticeToChengdu(CreditFixture f) {
        return Json.read(f.network.<String>invoke(f.cqInspector,
                ctx -> f.violations.recordViolation(ctx, violationJson(CD_FIRM))), Violation.class).id();
    }

    private static WageArrearsListing chengduListing(CreditFixture f) {
        String violationId = arrears(f).id();
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.blacklist.list(ctx, listingJson(violationId))),
                WageArrearsListing.class);
    }

    private static AssistRequest chengduAssist(CreditFixture f) {
        calendars(f);
        return Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.cases.requestAssist(ctx, assistJson("CQ"))),
                AssistRequest.class);
    }

    private static CheckpointStatement statement(String region) {
        return new CheckpointStatement(1, 0, 40, 3, hash("root"), CheckpointStatement.GENESIS, region);
    }

    private static CheckpointStatement chengduCheckpoint(CreditFixture f, CheckpointContract checkpoints) {
        CheckpointStatement st = statement("CD");
        String signature = Hashes.hex(st.sign(f.cdAttestation.privateKey()));
        f.network.invoke(f.cdBureau, ctx -> checkpoints.proposeCheckpoint(ctx, Json.write(st), signature));
        return st;
    }

    // ------------------------------------------------------------------ platform employment reports

    private static final cn.cdcq.registry.chaincode.report.ReportContract reportContract =
            new cn.cdcq.registry.chaincode.report.ReportContract();

    /** A Chengdu platform enterprise, with its 2026-Q3 report filed by Chengdu when {@code filed}. */
    private static void chengduPlatform(CreditFixture f, boolean filed) {
        ReportWorld.registerPlatform(f, f.cdBureau, ReportWorld.CD_PLATFORM, "Chengdu Rider Platform Co.");
        if (filed) {
            f.network.invoke(f.cdBureau, ctx -> reportContract.fileReport(ctx, ReportWorld.CD_PLATFORM,
                    ReportWorld.simple("2026-Q3", 30, 10)));
        }
    }

    /** Reports of a Chengdu platform, filed by Chengdu: Chongqing reads them and may not file or correct them. */
    private static void reports(Map<String, Supplier<Call>> s) {
        s.put("report:fileReport", creditWith(f -> chengduPlatform(f, false), ReportWorld.CD_PLATFORM,
                ReportWorld.simple("2026-Q3", 30, 10)));
        s.put("report:correctReport", creditWith(f -> chengduPlatform(f, true), ReportWorld.CD_PLATFORM,
                ReportWorld.simple("2026-Q3", 31, 10), "DATA_ERROR", "one rider was left out"));
        s.put("report:getReport", creditWith(f -> chengduPlatform(f, true), ReportWorld.CD_PLATFORM, "2026-Q3"));
        s.put("report:getReportHistory", creditWith(f -> chengduPlatform(f, true), ReportWorld.CD_PLATFORM, "2026-Q3"));
        s.put("report:listReports", creditWith(f -> chengduPlatform(f, true), ReportWorld.CD_PLATFORM));
        s.put("report:listLate", creditWith(f -> chengduPlatform(f, true), "2026-Q3"));
        s.put("report:getPeriodTotals", creditWith(f -> chengduPlatform(f, true), "2026-Q3"));
        // Chengdu's switch: Chongqing reads it and may not set it.
        s.put("report:setSelfFiling", creditWith(f -> chengduPlatform(f, false), "CD", "true"));
        s.put("report:getSelfFiling", creditWith(f -> f.network.invoke(f.cdBureau,
                ctx -> reportContract.setSelfFiling(ctx, "CD", "true")), "CD"));
    }
}
