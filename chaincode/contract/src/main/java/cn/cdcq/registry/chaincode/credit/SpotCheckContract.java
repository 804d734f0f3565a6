package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.support.Timestamps;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.credit.SpotCheckPeriod;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckTransactions;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * "Double random, one public" spot checks: the inspector register with declared conflicts of
 * interest, the per-region weights of each effective level, and draws whose seed is the hash of
 * every region's unique signature over the draw id, revealed before a deadline; a region can
 * withhold its contribution (the draw lapses against it, and the register draws again in that
 * period only with the other regions' consent) but cannot choose it. The draw is computed by {@link SpotCheckDrawing}, which anyone can rerun on the
 * stored record.
 */
@Contract(name = SpotCheckTransactions.CONTRACT, info = @Info(title = "Spot checks",
        description = "Inspector register, weighted commit-reveal spot-check draws and their published results",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class SpotCheckContract implements RegistryContract {

    private static final Pattern INSPECTOR_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    /**
     * The caller's bureau registers one of its inspectors (the certificate's inspectorId
     * attribute). The entry is pending until the inspector confirms it ({@link #confirmInspector}).
     */
    @Transaction(name = SpotCheckTransactions.REGISTER_INSPECTOR, intent = Transaction.TYPE.SUBMIT)
    public String registerInspector(Context ctx, String inspectorId) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        String id = validInspectorId(inspectorId);
        // A region's inspector ids start with its own code, so the other region cannot squat them.
        if (!id.startsWith(region + "-")) {
            throw RegistryException.forbidden("inspector id " + id + " is not of region " + region + "'s form; region "
                    + region + " registers only ids starting with \"" + region + "-\" (the inspectorId its CA issues)");
        }
        credit.inspector(id).ifPresent(e -> {
            throw RegistryException.exists("inspector " + id + " is already registered for region " + e.regionCode()
                    + (e.active() ? "" : " (withdrawn; ids are not reused)"));
        });
        InspectorEntry entry = new InspectorEntry(id, region, credit.ledger().nowIso(), caller.id(), null, null, null, null);
        credit.putInspector(entry);
        credit.ledger().emit(CreditEvents.INSPECTOR_REGISTERED, new CreditEvents.InspectorRegistered(id, region));
        return Json.write(entry);
    }

    /**
     * The inspector confirms their pending register entry with their own identity: the caller is a
     * member of the region's organization (the peer's MSP has validated the certificate against
     * that organization's CA), with {@code role=inspector} and an {@code inspectorId} attribute
     * equal to the id. So a region's register holds only ids its own CA issued to its own members.
     */
    @Transaction(name = SpotCheckTransactions.CONFIRM_INSPECTOR, intent = Transaction.TYPE.SUBMIT)
    public String confirmInspector(Context ctx, String inspectorId) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.INSPECTOR);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().regionOf(caller).code();
        String own = caller.attribute("inspectorId").orElseThrow(() -> RegistryException.forbidden(
                "the inspector's certificate has no inspectorId attribute; an inspector confirms only the id its CA issued"));
        String id = validInspectorId(inspectorId);
        if (!own.equals(id)) {
            throw RegistryException.forbidden("inspector " + id + " is confirmed only by the holder of a certificate with"
                    + " that inspectorId; this certificate is issued for " + own);
        }
        InspectorEntry entry = credit.inspector(id).orElseThrow(() -> RegistryException.notFound("inspector " + id
                + " is not in the inspector register; the bureau of " + region + " registers it first"));
        if (!entry.regionCode().equals(region)) {
            throw RegistryException.forbidden("inspector " + id + " is registered for region " + entry.regionCode()
                    + "; a member of " + caller.mspId() + " (region " + region + ") cannot confirm it");
        }
        if (!entry.active()) {
            throw RegistryException.conflict("inspector " + id + " was withdrawn on " + entry.withdrawnAt()
                    + " and cannot be confirmed");
        }
        if (entry.confirmed()) {
            throw RegistryException.conflict("inspector " + id + " was already confirmed on " + entry.confirmedAt());
        }
        InspectorEntry confirmed = entry.confirmedBy(credit.ledger().nowIso(), caller.id());
        credit.putInspector(confirmed);
        credit.ledger().emit(CreditEvents.INSPECTOR_CONFIRMED, new CreditEvents.InspectorConfirmed(id, region));
        return Json.write(confirmed);
    }

    /** The inspector's bureau declares a conflict of interest: the inspector never checks the enterprise. */
    @Transaction(name = SpotCheckTransactions.DECLARE_CONFLICT, intent = Transaction.TYPE.SUBMIT)
    public String declareConflict(Context ctx, String inspectorId, String uscc) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        InspectorEntry inspector = credit.inspector(validInspectorId(inspectorId)).orElseThrow(() ->
                RegistryException.notFound("inspector " + inspectorId + " is not in the inspector register"));
        if (!inspector.regionCode().equals(region)) {
            throw RegistryException.forbidden("inspector " + inspector.inspectorId() + " belongs to region "
                    + inspector.regionCode() + "; its bureau declares its conflicts");
        }
        Enterprise enterprise = credit.requireEnterprise(Arguments.uscc(uscc));
        ConflictOfInterest c = new ConflictOfInterest(inspector.inspectorId(), enterprise.uscc(),
                credit.ledger().nowIso(), caller.id(), null, null);
        credit.putConflict(c);
        credit.ledger().emit(CreditEvents.CONFLICT_OF_INTEREST_DECLARED,
                new CreditEvents.ConflictOfInterestDeclared(c.inspectorId(), c.uscc()));
        return Json.write(c);
    }

    /** The caller's region withdraws one of its inspectors: never drawn again, cannot act; the record stays. */
    @Transaction(name = SpotCheckTransactions.WITHDRAW_INSPECTOR, intent = Transaction.TYPE.SUBMIT)
    public String withdrawInspector(Context ctx, String inspectorId) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        InspectorEntry inspector = ownInspector(credit, inspectorId, region);
        if (!inspector.active()) {
            throw RegistryException.conflict("inspector " + inspector.inspectorId() + " was already withdrawn on "
                    + inspector.withdrawnAt());
        }
        InspectorEntry withdrawn = inspector.withdrawn(credit.ledger().nowIso(), caller.id());
        credit.putInspector(withdrawn);
        credit.ledger().emit(CreditEvents.INSPECTOR_WITHDRAWN, new CreditEvents.InspectorWithdrawn(withdrawn.inspectorId(), region));
        return Json.write(withdrawn);
    }

    /** The inspector's region withdraws a declared conflict of interest (declared in error, or ended). */
    @Transaction(name = SpotCheckTransactions.WITHDRAW_CONFLICT, intent = Transaction.TYPE.SUBMIT)
    public String withdrawConflict(Context ctx, String inspectorId, String uscc) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        InspectorEntry inspector = ownInspector(credit, inspectorId, region);
        String code = Arguments.uscc(uscc);
        ConflictOfInterest c = credit.conflict(code, inspector.inspectorId()).filter(ConflictOfInterest::inForce)
                .orElseThrow(() -> RegistryException.notFound("no conflict of interest of inspector "
                        + inspector.inspectorId() + " with " + code + " is in force"));
        ConflictOfInterest withdrawn = c.withdrawn(credit.ledger().nowIso(), caller.id());
        credit.putConflict(withdrawn);
        credit.ledger().emit(CreditEvents.CONFLICT_OF_INTEREST_WITHDRAWN,
                new CreditEvents.ConflictOfInterestWithdrawn(c.inspectorId(), c.uscc()));
        return Json.write(withdrawn);
    }

    private static InspectorEntry ownInspector(CreditLedger credit, String inspectorId, String region) {
        InspectorEntry inspector = credit.inspector(validInspectorId(inspectorId)).orElseThrow(() ->
                RegistryException.notFound("inspector " + inspectorId + " is not in the inspector register"));
        if (!inspector.regionCode().equals(region)) {
            throw RegistryException.forbidden("inspector " + inspector.inspectorId() + " belongs to region "
                    + inspector.regionCode() + "; only its own region's bureau changes its register entries");
        }
        return inspector;
    }

    @Transaction(name = SpotCheckTransactions.LIST_INSPECTORS, intent = Transaction.TYPE.EVALUATE)
    public String listInspectors(Context ctx, String regionCode) {
        String code = Arguments.region(regionCode);
        return Json.write(new CreditLedger(new Ledger(ctx)).inspectorsOf(code));
    }

    @Transaction(name = SpotCheckTransactions.LIST_CONFLICTS, intent = Transaction.TYPE.EVALUATE)
    public String listConflicts(Context ctx) {
        return Json.write(new CreditLedger(new Ledger(ctx)).conflicts());
    }

    /** The caller's bureau sets the weights of its register ({"a":1,"b":2,"c":4,"unrated":2}). */
    @Transaction(name = SpotCheckTransactions.SET_WEIGHTS, intent = Transaction.TYPE.SUBMIT)
    public String setWeights(Context ctx, String weightsJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        SpotCheckWeights in = Arguments.json(weightsJson, SpotCheckWeights.class);
        SpotCheckWeights w = new SpotCheckWeights(region, in.a(), in.b(), in.c(), in.unrated(), credit.ledger().nowIso(),
                caller.id());
        credit.putWeights(w);
        credit.ledger().emit(CreditEvents.SPOT_CHECK_WEIGHTS_SET, new CreditEvents.SpotCheckWeightsSet(region, w.a(),
                w.b(), w.c(), w.unrated()));
        return Json.write(w);
    }

    @Transaction(name = SpotCheckTransactions.GET_WEIGHTS, intent = Transaction.TYPE.EVALUATE)
    public String getWeights(Context ctx, String regionCode) {
        String code = Arguments.region(regionCode);
        return Json.write(new CreditLedger(new Ledger(ctx)).weights(code).orElseThrow(() ->
                RegistryException.notFound("region " + code + " has set no spot-check weights")));
    }

    /**
     * The caller's bureau opens a draw on its own register ({@link SpotCheckRequest} JSON) and
     * fixes its inputs: the register's enterprises with their effective levels and weights, its
     * inspectors and conflicts, every participant's draw key, and the reveal deadline. The first
     * draw of a register in a period needs no consent; each further one needs every other
     * participant's ({@code consentToRedraw}), and none opens while an earlier one is undecided.
     */
    @Transaction(name = SpotCheckTransactions.OPEN_DRAW, intent = Transaction.TYPE.SUBMIT)
    public String openDraw(Context ctx, String requestJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        SpotCheckRequest in = Arguments.json(requestJson, SpotCheckRequest.class);
        credit.regions().require(in.registerRegion());
        if (!in.registerRegion().equals(region)) {
            throw RegistryException.forbidden("region " + region + " cannot open a draw on the register of region "
                    + in.registerRegion() + "; each region draws only from its own register");
        }
        Ledger ledger = credit.ledger();
        String period = in.period() != null ? in.period() : String.valueOf(ledger.today().getYear());
        List<String> participants = credit.regions().all().stream().map(Region::code).sorted().toList();
        SpotCheckPeriod earlier = credit.drawPeriod(region, period);
        int number = earlier.drawIds().size() + 1;
        for (String id : earlier.drawIds()) {
            SpotCheckDraw d = credit.requireDraw(id);
            if (!d.closed()) {
                throw RegistryException.conflict("draw " + id + " of register " + region + " for " + period + " is "
                        + d.status() + " until " + d.revealBy() + "; it must be drawn or lapsed (spotcheck:lapseDraw) "
                        + "before another opens");
            }
        }
        if (number > 1) {
            List<String> missing = participants.stream().filter(p -> !p.equals(region))
                    .filter(p -> !earlier.consented(p, number)).toList();
            if (!missing.isEmpty()) {
                throw RegistryException.conflict("register " + region + " already had " + (number - 1) + " draw(s) for "
                        + period + " (" + earlier.drawIds() + "); draw " + number + " needs the consent of " + missing
                        + " (spotcheck:consentToRedraw)");
            }
        }
        Map<String, String> drawKeys = new TreeMap<>();
        for (String p : participants) {
            drawKeys.put(p, credit.regions().currentDrawKey(p).orElseThrow(() -> RegistryException.conflict(
                    "region " + p + " has set no draw key (region:setDrawKey); every participant needs one before a "
                            + "draw opens")).publicKey());
        }
        SpotCheckWeights weights = credit.weights(in.registerRegion()).orElseThrow(() -> RegistryException.conflict(
                "region " + in.registerRegion() + " has set no spot-check weights (spotcheck:setWeights)"));
        List<SpotCheckDraw.Candidate> candidates = new ArrayList<>();
        for (Enterprise e : credit.enterprisesOf(in.registerRegion())) {
            CreditLevel level = CreditLedger.effectiveLevel(credit.ratings(e.uscc()));
            candidates.add(new SpotCheckDraw.Candidate(e.uscc(), level, weights.weightOf(level)));
        }
        List<String> inspectors = credit.drawableInspectorsOf(in.registerRegion()).stream().map(InspectorEntry::inspectorId)
                .sorted().toList();
        Set<String> usccs = candidates.stream().map(SpotCheckDraw.Candidate::uscc).collect(Collectors.toSet());
        List<SpotCheckDraw.Conflict> conflicts = credit.conflicts().stream()
                .filter(c -> inspectors.contains(c.inspectorId()) && usccs.contains(c.uscc()))
                .map(c -> new SpotCheckDraw.Conflict(c.inspectorId(), c.uscc())).toList();
        String problem = SpotCheckDrawing.infeasibility(candidates, inspectors, conflicts, in.enterpriseCount(),
                in.inspectorsPerEnterprise());
        if (problem != null) {
            throw RegistryException.conflict("cannot open this draw: " + problem);
        }
        String revealBy = Timestamps.iso(ledger.now().plus(SpotCheckDrawing.REVEAL_WINDOW));
        SpotCheckDraw draw = new SpotCheckDraw(ledger.txId(), region, in.registerRegion(), in.enterpriseCount(),
                in.inspectorsPerEnterprise(), candidates, inspectors, conflicts, participants, Map.of(), Map.of(), null,
                SpotCheckDraw.Status.REVEALING, null, ledger.nowIso(), null, period, revealBy, drawKeys, List.of(), null);
        credit.putDraw(draw);
        List<String> ids = new ArrayList<>(earlier.drawIds());
        ids.add(draw.id());
        credit.putDrawPeriod(new SpotCheckPeriod(region, period, ids, earlier.consents()));
        ledger.emit(CreditEvents.SPOT_CHECK_OPENED, new CreditEvents.SpotCheckOpened(draw.id(), draw.registerRegion(),
                region, draw.enterpriseCount(), participants));
        return Json.write(draw);
    }

    /**
     * The caller's region reveals its contribution: its RSA PKCS#1 v1.5 signature (hex) over the
     * draw id under the draw key fixed when the draw opened, before the deadline. The last reveal
     * computes the seed and the draw.
     */
    @Transaction(name = SpotCheckTransactions.REVEAL, intent = Transaction.TYPE.SUBMIT)
    public String reveal(Context ctx, String drawId, String signatureHex) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        SpotCheckDraw draw = requireParticipant(credit.requireDraw(drawId), region);
        if (draw.status() != SpotCheckDraw.Status.REVEALING || draw.revealBy() == null) {
            throw RegistryException.conflict("draw " + drawId + " is " + draw.status()
                    + (draw.revealBy() == null ? " and was opened before draw keys (commit-reveal); lapse it" : "")
                    + "; no more reveals");
        }
        if (draw.reveals().containsKey(region)) {
            throw RegistryException.conflict("region " + region + " already revealed its contribution to draw " + drawId);
        }
        Ledger ledger = credit.ledger();
        if (ledger.nowIso().compareTo(draw.revealBy()) > 0) {
            throw RegistryException.conflict("the reveals of draw " + drawId + " closed at " + draw.revealBy()
                    + "; the draw can only be lapsed now (spotcheck:lapseDraw)");
        }
        byte[] signature = Arguments.valid(() -> {
            try {
                return Hashes.fromHex(signatureHex == null ? "" : signatureHex.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "signatureHex is not hex: " + e.getMessage());
            }
        });
        if (!SpotCheckDrawing.isContribution(draw.drawKeys().get(region), drawId, signature)) {
            throw RegistryException.invalid("signatureHex is not region " + region + "'s signature over draw " + drawId
                    + " under its draw key fixed at opening (RSA PKCS#1 v1.5, SHA-256, over \"cdcq-registry spot-check draw "
                    + drawId + "\")");
        }
        Map<String, String> reveals = new TreeMap<>(draw.reveals());
        reveals.put(region, Hashes.hex(signature));
        SpotCheckDraw updated;
        String event;
        if (reveals.keySet().containsAll(draw.participants())) {
            byte[] seed = SpotCheckDrawing.seed(reveals);
            List<SpotCheckDraw.Assignment> assignments;
            try {
                assignments = SpotCheckDrawing.draw(draw.candidates(), draw.inspectorIds(), draw.conflicts(),
                        draw.enterpriseCount(), draw.inspectorsPerEnterprise(), seed);
            } catch (InvalidInputException e) {
                throw new IllegalStateException("draw " + drawId + " was opened with infeasible inputs", e);
            }
            updated = draw.revealed(reveals, Hashes.hex(seed), SpotCheckDraw.Status.DRAWN, assignments, ledger.nowIso());
            event = CreditEvents.SPOT_CHECK_DRAWN;
        } else {
            updated = draw.revealed(reveals, null, SpotCheckDraw.Status.REVEALING, null, null);
            event = CreditEvents.SPOT_CHECK_REVEALED;
        }
        credit.putDraw(updated);
        List<String> drawn = updated.assignments() == null ? null
                : updated.assignments().stream().map(SpotCheckDraw.Assignment::uscc).toList();
        ledger.emit(event, new CreditEvents.SpotCheckStep(drawId, region, updated.status(), drawn));
        return Json.write(updated);
    }

    /**
     * A participant's bureau records that a draw's reveal deadline passed without every
     * contribution: the draw is LAPSED against the regions that had not revealed. A draw opened
     * before deadlines existed (commit-reveal, no {@code revealBy}) can be lapsed at any time.
     */
    @Transaction(name = SpotCheckTransactions.LAPSE_DRAW, intent = Transaction.TYPE.SUBMIT)
    public String lapseDraw(Context ctx, String drawId) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        SpotCheckDraw draw = requireParticipant(credit.requireDraw(drawId), region);
        if (draw.closed()) {
            throw RegistryException.conflict("draw " + drawId + " is already " + draw.status());
        }
        Ledger ledger = credit.ledger();
        if (draw.revealBy() != null && ledger.nowIso().compareTo(draw.revealBy()) <= 0) {
            throw RegistryException.conflict("draw " + drawId + " takes reveals until " + draw.revealBy()
                    + "; it lapses only after that");
        }
        List<String> missing = draw.participants().stream().filter(p -> !draw.reveals().containsKey(p)).toList();
        SpotCheckDraw lapsed = draw.lapsed(missing, ledger.nowIso());
        credit.putDraw(lapsed);
        ledger.emit(CreditEvents.SPOT_CHECK_LAPSED, new CreditEvents.SpotCheckLapsed(drawId, draw.registerRegion(),
                missing));
        return Json.write(lapsed);
    }

    /**
     * The caller's region (a participant other than the register's) allows the register's next
     * draw in a period that already had one: after a lapse, or when both want another draw.
     */
    @Transaction(name = SpotCheckTransactions.CONSENT_TO_REDRAW, intent = Transaction.TYPE.SUBMIT)
    public String consentToRedraw(Context ctx, String registerRegion, String period) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        String register = Arguments.region(registerRegion);
        credit.regions().require(register);
        String p = Arguments.valid(() -> new SpotCheckRequest(register, 1, 2, period).period());
        if (p == null) {
            throw RegistryException.invalid("period is missing: name the period of the draws (e.g. 2026)");
        }
        if (register.equals(region)) {
            throw RegistryException.forbidden("region " + region + " cannot consent to a redraw of its own register; "
                    + "the other participating regions do");
        }
        SpotCheckPeriod draws = credit.drawPeriod(register, p);
        if (draws.drawIds().isEmpty()) {
            throw RegistryException.notFound("register " + register + " has no draw for " + p
                    + "; its first draw needs no consent");
        }
        int next = draws.drawIds().size() + 1;
        if (draws.consented(region, next)) {
            throw RegistryException.conflict("region " + region + " already consented to draw " + next + " of register "
                    + register + " for " + p);
        }
        List<SpotCheckPeriod.Consent> consents = new ArrayList<>(draws.consents());
        consents.add(new SpotCheckPeriod.Consent(region, next, credit.ledger().nowIso(), caller.id()));
        SpotCheckPeriod updated = new SpotCheckPeriod(register, p, draws.drawIds(), consents);
        credit.putDrawPeriod(updated);
        credit.ledger().emit(CreditEvents.SPOT_CHECK_REDRAW_CONSENTED,
                new CreditEvents.SpotCheckRedrawConsented(register, p, region, next));
        return Json.write(updated);
    }

    /** The draws of a register in a period and the consents given for more. */
    @Transaction(name = SpotCheckTransactions.GET_PERIOD, intent = Transaction.TYPE.EVALUATE)
    public String getPeriod(Context ctx, String registerRegion, String period) {
        String register = Arguments.region(registerRegion);
        String p = Arguments.valid(() -> new SpotCheckRequest(register, 1, 2, period).period());
        return Json.write(new CreditLedger(new Ledger(ctx)).drawPeriod(register, p));
    }

    @Transaction(name = SpotCheckTransactions.GET_DRAW, intent = Transaction.TYPE.EVALUATE)
    public String getDraw(Context ctx, String drawId) {
        return Json.write(new CreditLedger(new Ledger(ctx)).requireDraw(drawId));
    }

    @Transaction(name = SpotCheckTransactions.LIST_DRAWS, intent = Transaction.TYPE.EVALUATE)
    public String listDraws(Context ctx) {
        return Json.write(new CreditLedger(new Ledger(ctx)).draws());
    }

    /**
     * Publishes the result of checking a drawn enterprise: by one of the inspectors drawn for it,
     * or by the bureau of the register's region.
     */
    @Transaction(name = SpotCheckTransactions.PUBLISH_RESULT, intent = Transaction.TYPE.SUBMIT)
    public String publishResult(Context ctx, String drawId, String uscc, String outcome, String findingsDocumentHash) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.requireBureauOrInspector(caller);
        SpotCheckDraw draw = credit.requireDraw(drawId);
        String code = Arguments.uscc(uscc);
        if (draw.status() != SpotCheckDraw.Status.DRAWN) {
            throw RegistryException.conflict("draw " + drawId + " is " + draw.status() + "; results follow the draw");
        }
        SpotCheckDraw.Assignment assignment = draw.assignments().stream().filter(a -> a.uscc().equals(code)).findFirst()
                .orElseThrow(() -> RegistryException.notFound("enterprise " + code + " was not drawn in " + drawId));
        if (caller.role().equals(Caller.INSPECTOR)) {
            String me = caller.attribute("inspectorId").orElse("");
            if (!assignment.inspectorIds().contains(me)) {
                throw RegistryException.forbidden("inspector " + me + " was not drawn to check " + code + " (drawn: "
                        + assignment.inspectorIds() + ")");
            }
        } else if (!region.equals(draw.registerRegion())) {
            throw RegistryException.forbidden("only the bureau of region " + draw.registerRegion()
                    + " or the drawn inspectors publish this result");
        }
        SpotCheckResult.Outcome how = Arguments.oneOf(SpotCheckResult.Outcome.class, "outcome", outcome);
        String hash = Arguments.documentHash("findingsDocumentHash", findingsDocumentHash);
        if (credit.result(drawId, code).isPresent()) {
            throw RegistryException.exists("the result for " + code + " in draw " + drawId + " is already published");
        }
        SpotCheckResult result = new SpotCheckResult(drawId, code, how, hash, credit.ledger().nowIso(),
                caller.actor());
        credit.putResult(result);
        credit.ledger().emit(CreditEvents.SPOT_CHECK_RESULT_PUBLISHED,
                new CreditEvents.SpotCheckResultPublished(drawId, code, how));
        return Json.write(result);
    }

    @Transaction(name = SpotCheckTransactions.LIST_RESULTS, intent = Transaction.TYPE.EVALUATE)
    public String listResults(Context ctx, String drawId) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        credit.requireDraw(drawId);
        return Json.write(credit.results(drawId));
    }

    private static SpotCheckDraw requireParticipant(SpotCheckDraw draw, String region) {
        if (!draw.participants().contains(region)) {
            throw RegistryException.forbidden("region " + region + " does not take part in draw " + draw.id());
        }
        return draw;
    }

    private static String validInspectorId(String id) {
        String v = id == null ? "" : id.strip();
        if (!INSPECTOR_ID.matcher(v).matches()) {
            throw RegistryException.invalid("inspectorId '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-', "
                    + "as in the inspector's certificate (e.g. CD-INS-0001)");
        }
        return v;
    }
}
