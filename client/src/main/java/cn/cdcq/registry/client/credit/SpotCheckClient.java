package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;

import java.security.SecureRandom;
import java.util.List;

/** The spot-check contract ({@code spotcheck}) as typed calls, with the secret a region commits to. */
public final class SpotCheckClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final RegistryGateway gateway;

    public SpotCheckClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /** A fresh 32-byte secret for a draw, hex; keep it until the reveal, never reuse it. */
    public static String newSecretHex() {
        byte[] secret = new byte[SpotCheckDrawing.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Hashes.hex(secret);
    }

    /** Withdraws one of this region's inspectors: never drawn again, cannot act. */
    public InspectorEntry withdrawInspector(String inspectorId) {
        return Json.read(gateway.submit("spotcheck", "withdrawInspector", inspectorId), InspectorEntry.class);
    }

    public ConflictOfInterest withdrawConflict(String inspectorId, String uscc) {
        return Json.read(gateway.submit("spotcheck", "withdrawConflict", inspectorId, uscc), ConflictOfInterest.class);
    }

    public InspectorEntry registerInspector(String inspectorId) {
        return Json.read(gateway.submit("spotcheck", "registerInspector", inspectorId), InspectorEntry.class);
    }

    public ConflictOfInterest declareConflict(String inspectorId, String uscc) {
        return Json.read(gateway.submit("spotcheck", "declareConflict", inspectorId, uscc), ConflictOfInterest.class);
    }

    public List<InspectorEntry> inspectors(String regionCode) {
        return Json.readList(gateway.evaluate("spotcheck", "listInspectors", regionCode), InspectorEntry.class);
    }

    public List<ConflictOfInterest> conflicts() {
        return Json.readList(gateway.evaluate("spotcheck", "listConflicts"), ConflictOfInterest.class);
    }

    public SpotCheckWeights setWeights(int a, int b, int c, int unrated) {
        return Json.read(gateway.submit("spotcheck", "setWeights",
                Json.write(new SpotCheckWeights(null, a, b, c, unrated, null, null))), SpotCheckWeights.class);
    }

    public SpotCheckWeights weights(String regionCode) {
        return Json.read(gateway.evaluate("spotcheck", "getWeights", regionCode), SpotCheckWeights.class);
    }

    public SpotCheckDraw openDraw(SpotCheckRequest request) {
        return Json.read(gateway.submit("spotcheck", "openDraw", Json.write(request)), SpotCheckDraw.class);
    }

    /** Commits to {@code secretHex}: sends SHA-256 of its bytes, never the secret. */
    public SpotCheckDraw commit(String drawId, String secretHex) {
        return Json.read(gateway.submit("spotcheck", "commit", drawId,
                SpotCheckDrawing.commitment(SpotCheckDrawing.secret(secretHex))), SpotCheckDraw.class);
    }

    public SpotCheckDraw reveal(String drawId, String secretHex) {
        return Json.read(gateway.submit("spotcheck", "reveal", drawId, secretHex), SpotCheckDraw.class);
    }

    public SpotCheckDraw draw(String drawId) {
        return Json.read(gateway.evaluate("spotcheck", "getDraw", drawId), SpotCheckDraw.class);
    }

    public List<SpotCheckDraw> draws() {
        return Json.readList(gateway.evaluate("spotcheck", "listDraws"), SpotCheckDraw.class);
    }

    public SpotCheckResult publishResult(String drawId, String uscc, SpotCheckResult.Outcome outcome,
                                         String findingsDocumentHash) {
        return Json.read(gateway.submit("spotcheck", "publishResult", drawId, uscc, outcome.name(), findingsDocumentHash),
                SpotCheckResult.class);
    }

    public List<SpotCheckResult> results(String drawId) {
        return Json.readList(gateway.evaluate("spotcheck", "listResults", drawId), SpotCheckResult.class);
    }
}
