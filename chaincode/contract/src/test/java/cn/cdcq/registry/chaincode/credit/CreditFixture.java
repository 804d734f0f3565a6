package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.cases.CalendarContract;
import cn.cdcq.registry.chaincode.cases.CasesContract;
import cn.cdcq.registry.chaincode.enterprise.EnterpriseContract;
import cn.cdcq.registry.chaincode.region.RegionContract;
import cn.cdcq.registry.chaincode.settings.SettingsContract;
import cn.cdcq.registry.common.settings.SettingProposal;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.chaincode.testing.TestNetwork;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.RegionProposal;
import org.assertj.core.api.ThrowableAssert;

import cn.cdcq.registry.common.credit.SpotCheckDrawing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two regions on an in-memory channel, endorsed by both peers as under the AND policy, with the
 * identities credit and case tests need. The MSP IDs are deliberately not the network's, to
 * show the contracts take regions from the ledger.
 */
public final class CreditFixture {

    public static final String CD_MSP = "OrgAlphaMSP";
    public static final String CQ_MSP = "OrgBetaMSP";

    public final TestNetwork network = new TestNetwork().endorsingPeers(CD_MSP, CQ_MSP);
    public final RegionContract regions = new RegionContract();
    public final EnterpriseContract enterprises = new EnterpriseContract();
    public final ViolationContract violations = new ViolationContract();
    public final RatingContract ratings = new RatingContract();
    public final BlacklistContract blacklist = new BlacklistContract();
    public final SpotCheckContract spotchecks = new SpotCheckContract();
    public final CasesContract cases = new CasesContract();
    public final CalendarContract calendar = new CalendarContract();
    public final SettingsContract settings = new SettingsContract();

    public final TestIdentity cdBureau = TestIdentities.user(CD_MSP, "cd-bureau", Map.of("role", "bureau"));
    public final TestIdentity cqBureau = TestIdentities.user(CQ_MSP, "cq-bureau", Map.of("role", "bureau"));
    public final TestIdentity cdAttestation = TestIdentities.user(CD_MSP, "cd-attestation", Map.of("role", "attestation"));
    public final TestIdentity cqAttestation = TestIdentities.user(CQ_MSP, "cq-attestation", Map.of("role", "attestation"));
    public final TestIdentity cdInspector = inspector(CD_MSP, "cd-inspector1", "CD-INS-0001");
    public final TestIdentity cdInspector2 = inspector(CD_MSP, "cd-inspector2", "CD-INS-0002");
    public final TestIdentity cqInspector = inspector(CQ_MSP, "cq-inspector1", "CQ-INS-0001");
    public final TestIdentity cqInspector2 = inspector(CQ_MSP, "cq-inspector2", "CQ-INS-0002");
    public final TestIdentity cdCenter = TestIdentities.user(CD_MSP, "cd-center",
            Map.of("role", "training_center", "centerId", "91510100MA61R8LK2X"));
    public final TestIdentity cqCenter = TestIdentities.user(CQ_MSP, "cq-center",
            Map.of("role", "training_center", "centerId", uscc("52500000MJ0000002-")));

    public static final String CD_FIRM = uscc("91510100MA6100001");
    public static final String CQ_FIRM = uscc("91500000MA5U00002");
    public static final String CQ_FIRM2 = uscc("91500000MA5U00003");

    /** Both regions in force, four inspectors registered, two enterprises registered, clock at the given instant. */
    public CreditFixture(Instant start) {
        network.setClock(start);
        RegionProposal cd = read(network.<String>invoke(cdBureau, ctx -> regions.proposeRegistration(ctx, "CD",
                "Chengdu bureau", cdAttestation.certificatePem())), RegionProposal.class);
        RegionProposal cq = read(network.<String>invoke(cqBureau, ctx -> regions.proposeRegistration(ctx, "CQ",
                "Chongqing bureau", cqAttestation.certificatePem())), RegionProposal.class);
        network.<String>invoke(cqBureau, ctx -> regions.approve(ctx, cd.id()));
        network.<String>invoke(cdBureau, ctx -> regions.approve(ctx, cq.id()));
        registerAndConfirm(cdBureau, cdInspector, "CD-INS-0001");
        registerAndConfirm(cdBureau, cdInspector2, "CD-INS-0002");
        registerAndConfirm(cqBureau, cqInspector, "CQ-INS-0001");
        registerAndConfirm(cqBureau, cqInspector2, "CQ-INS-0002");
        registerEnterprise(cdBureau, CD_FIRM, "Chengdu Tianfu Construction Co.");
        registerEnterprise(cqBureau, CQ_FIRM, "Chongqing Jiangbei Logistics Co.");
    }

    /** An RSA key pair for a region's spot-check draw key. */
    public static KeyPair drawKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String drawKeyPem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A region's contribution to draw {@code drawId}: its signature over the id, in hex. */
    public static String drawContribution(KeyPair key, String drawId) {
        return Hashes.hex(SpotCheckDrawing.contribution(key.getPrivate(), drawId));
    }

    /** The bureau registers the inspector's id (pending) and the inspector confirms it with their own identity. */
    public void registerAndConfirm(TestIdentity bureau, TestIdentity inspector, String id) {
        network.<String>invoke(bureau, ctx -> spotchecks.registerInspector(ctx, id));
        network.<String>invoke(inspector, ctx -> spotchecks.confirmInspector(ctx, id));
    }

    public static TestIdentity inspector(String msp, String name, String inspectorId) {
        return TestIdentities.user(msp, name, Map.of("role", "inspector", "inspectorId", inspectorId));
    }

    /** A valid USCC from the first 17 characters of {@code draft}. */
    public static String uscc(String draft) {
        String first17 = draft.substring(0, 17);
        return first17 + Uscc.checkCharacter(first17);
    }

    public static String hash(String text) {
        return Hashes.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static <T> T read(String json, Class<T> type) {
        return Json.read(json, type);
    }

    public Enterprise registerEnterprise(TestIdentity bureau, String uscc, String name) {
        return read(network.<String>invoke(bureau, ctx -> enterprises.registerEnterprise(ctx, uscc, name, "false", "")),
                Enterprise.class);
    }

    public Violation record(TestIdentity inspector, String uscc, String type, long amountFen, String decisionDate,
                            boolean major, boolean mass, String status) {
        String json = "{\"uscc\":\"" + uscc + "\",\"type\":\"" + type + "\",\"amountFen\":" + amountFen
                + ",\"workersAffected\":12,\"decisionDate\":\"" + decisionDate + "\",\"decisionDocumentHash\":\""
                + hash("decision " + uscc + amountFen + type + decisionDate) + "\",\"major\":" + major
                + ",\"massIncident\":" + mass + ",\"status\":\"" + status + "\"}";
        return read(network.<String>invoke(inspector, ctx -> violations.recordViolation(ctx, json)), Violation.class);
    }

    public Violation penalized(TestIdentity inspector, String uscc, String type, String decisionDate) {
        return record(inspector, uscc, type, 100_000, decisionDate, false, false, "PENALIZED");
    }

    public CreditRatingStatement preview(TestIdentity bureau, String uscc, int year, String level, String reason) {
        return read(network.<String>evaluate(bureau, ctx -> ratings.previewRating(ctx, uscc, Integer.toString(year),
                level, reason)), CreditRatingStatement.class);
    }

    /** Preview, sign with the region's attestation key, record. */
    public CreditRating rate(TestIdentity bureau, TestIdentity attestation, String uscc, int year, String level,
                             String reason) {
        CreditRatingStatement s = preview(bureau, uscc, year, level, reason);
        String sig = Hashes.hex(CreditRatingStatement.sign(s, attestation.privateKey()));
        return read(network.<String>invoke(bureau, ctx -> ratings.recordRating(ctx, Json.write(s), sig)),
                CreditRating.class);
    }

    /** The bureau's region's Order 45 threshold, in fen. */
    public void setThreshold(TestIdentity bureau, long fen) {
        network.<String>invoke(bureau, ctx -> settings.setWageArrearsThreshold(ctx, Long.toString(fen)));
    }

    /** One region proposes the calendar of a year, the other accepts: then it is in force. */
    public void agreeCalendar(TestIdentity proposer, TestIdentity accepter, String calendarJson) {
        SettingProposal p = read(network.<String>invoke(proposer, ctx -> settings.proposeCalendar(ctx, calendarJson)),
                SettingProposal.class);
        network.<String>invoke(accepter, ctx -> settings.acceptProposal(ctx, p.id()));
    }

    private Map<String, String> state() {
        Map<String, String> out = new java.util.TreeMap<>();
        network.ledger().stateSnapshot().forEach((k, v) -> out.put(k, Hashes.hex(v)));
        return out;
    }

    /** Asserts the call is refused with {@code code} and leaves world state as it was. */
    public void assertRefused(ErrorCode code, ThrowableAssert.ThrowingCallable call) {
        Map<String, String> before = state();
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
        assertThat(state()).as("state after a refused transaction").isEqualTo(before);
    }
}
