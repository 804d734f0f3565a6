package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.SpotCheckTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckPeriod;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.common.region.RegionTransactions;

import java.util.List;

/** The spot-check contract ({@code spotcheck}) as typed calls, and the region registry's draw keys. */
public final class SpotCheckClient {

    private final RegistryGateway gateway;

    public SpotCheckClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /** Sets this region's draw key (RSA public key, PEM); draws opened from then on use it. */
    public DrawKey setDrawKey(String publicKeyPem) {
        return Json.read(gateway.submit(RegionTransactions.CONTRACT, RegionTransactions.SET_DRAW_KEY, publicKeyPem),
                DrawKey.class);
    }

    /** A region's draw keys, oldest first; the last is in force. */
    public List<DrawKey> drawKeys(String regionCode) {
        return Json.readList(gateway.evaluate(RegionTransactions.CONTRACT, RegionTransactions.GET_DRAW_KEYS, regionCode),
                DrawKey.class);
    }

    /** Withdraws one of this region's inspectors: never drawn again, cannot act. */
    public InspectorEntry withdrawInspector(String inspectorId) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.WITHDRAW_INSPECTOR, inspectorId), InspectorEntry.class);
    }

    public ConflictOfInterest withdrawConflict(String inspectorId, String uscc) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.WITHDRAW_CONFLICT, inspectorId, uscc), ConflictOfInterest.class);
    }

    public InspectorEntry registerInspector(String inspectorId) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.REGISTER_INSPECTOR, inspectorId), InspectorEntry.class);
    }

    /** The inspector confirms their pending register entry; submitted with the inspector's own identity. */
    public InspectorEntry confirmInspector(String inspectorId) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.CONFIRM_INSPECTOR, inspectorId), InspectorEntry.class);
    }

    public ConflictOfInterest declareConflict(String inspectorId, String uscc) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.DECLARE_CONFLICT, inspectorId, uscc), ConflictOfInterest.class);
    }

    public List<InspectorEntry> inspectors(String regionCode) {
        return Json.readList(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.LIST_INSPECTORS, regionCode), InspectorEntry.class);
    }

    public List<ConflictOfInterest> conflicts() {
        return Json.readList(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.LIST_CONFLICTS), ConflictOfInterest.class);
    }

    public SpotCheckWeights setWeights(int a, int b, int c, int unrated) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.SET_WEIGHTS,
                Json.write(new SpotCheckWeights(null, a, b, c, unrated, null, null))), SpotCheckWeights.class);
    }

    public SpotCheckWeights weights(String regionCode) {
        return Json.read(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.GET_WEIGHTS, regionCode), SpotCheckWeights.class);
    }

    public SpotCheckDraw openDraw(SpotCheckRequest request) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.OPEN_DRAW, Json.write(request)), SpotCheckDraw.class);
    }

    /** Reveals this region's contribution: its signature over the draw id, hex. */
    public SpotCheckDraw reveal(String drawId, String signatureHex) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.REVEAL, drawId, signatureHex), SpotCheckDraw.class);
    }

    /** Records that a draw's reveal deadline passed without every contribution. */
    public SpotCheckDraw lapseDraw(String drawId) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.LAPSE_DRAW, drawId), SpotCheckDraw.class);
    }

    /** Allows the other region's register one more draw in the period. */
    public SpotCheckPeriod consentToRedraw(String registerRegion, String period) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.CONSENT_TO_REDRAW, registerRegion, period), SpotCheckPeriod.class);
    }

    public SpotCheckPeriod period(String registerRegion, String period) {
        return Json.read(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.GET_PERIOD, registerRegion, period), SpotCheckPeriod.class);
    }

    public SpotCheckDraw draw(String drawId) {
        return Json.read(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.GET_DRAW, drawId), SpotCheckDraw.class);
    }

    public List<SpotCheckDraw> draws() {
        return Json.readList(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.LIST_DRAWS), SpotCheckDraw.class);
    }

    public SpotCheckResult publishResult(String drawId, String uscc, SpotCheckResult.Outcome outcome,
                                         String findingsDocumentHash) {
        return Json.read(gateway.submit(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.PUBLISH_RESULT, drawId, uscc, outcome.name(), findingsDocumentHash),
                SpotCheckResult.class);
    }

    public List<SpotCheckResult> results(String drawId) {
        return Json.readList(gateway.evaluate(SpotCheckTransactions.CONTRACT, SpotCheckTransactions.LIST_RESULTS, drawId), SpotCheckResult.class);
    }
}
