package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckPeriod;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;


import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The credit records in world state, as the credit and case contracts read and write them.
 * Keys put the enterprise first where queries go by enterprise (its profile), with a small
 * pointer record where a record is also looked up by its own ID.
 */
public final class CreditLedger {

    static final String ENTERPRISE = "credit.enterprise";          // region, uscc
    static final String ENTERPRISE_REGION = "credit.enterpriseRegion"; // uscc -> region
    static final String VIOLATION = "credit.violation";            // uscc, id
    static final String VIOLATION_OWNER = "credit.violationOwner";  // id -> uscc
    static final String NOTICE = "credit.notice";                  // uscc, violationId
    static final String RATING = cn.cdcq.registry.common.anchor.AnchorLeaf.RATING; // "credit.rating": uscc, region, year
    static final String LISTING = "credit.listing";                // uscc, id
    static final String LISTING_OWNER = "credit.listingOwner";      // id -> uscc
    static final String INSPECTOR = "credit.inspector";            // inspectorId
    static final String CONFLICT = "credit.conflict";              // uscc, inspectorId
    static final String WEIGHTS = "credit.spotcheckWeights";       // region
    static final String DRAW = "credit.spotcheckDraw";             // id
    static final String DRAW_PERIOD = "credit.spotcheckPeriod";    // register region, period
    static final String RESULT = "credit.spotcheckResult";
    static final String THRESHOLD = "credit.wageArrearsThreshold"; // region, revision (6 digits): every revision         // drawId, uscc

    private final Ledger ledger;
    private final Regions regions;

    public CreditLedger(Ledger ledger) {
        this.ledger = ledger;
        this.regions = new Regions(ledger);
    }

    public Ledger ledger() {
        return ledger;
    }

    public Regions regions() {
        return regions;
    }

    // ------------------------------------------------------------------ callers

    /**
     * An inspector acting for their own region: role {@code inspector}, an {@code inspectorId}
     * attribute, and that ID in the inspector register of the caller's region.
     */
    public InspectorEntry requireInspector(Caller caller) {
        caller.requireRole(Caller.INSPECTOR);
        String region = regions.regionOf(caller).code();
        String inspectorId = caller.attribute("inspectorId").orElseThrow(() -> RegistryException.forbidden(
                "the inspector's certificate has no inspectorId attribute; enroll the inspector with one"));
        InspectorEntry entry = inspector(inspectorId).orElseThrow(() -> RegistryException.forbidden(
                "inspector " + inspectorId + " is not in the inspector register; the bureau of " + region
                        + " must register the inspector first (spotcheck:registerInspector)"));
        if (!entry.active()) {
            throw RegistryException.forbidden("inspector " + inspectorId + " was withdrawn from the register of region "
                    + entry.regionCode() + " on " + entry.withdrawnAt() + " and can no longer act");
        }
        if (!entry.regionCode().equals(region)) {
            throw RegistryException.forbidden("inspector " + inspectorId + " is registered for region "
                    + entry.regionCode() + " but acts through " + caller.mspId() + " (region " + region
                    + "); an inspector acts only for their own region");
        }
        if (!entry.confirmed()) {
            throw RegistryException.forbidden("inspector " + inspectorId + " is pending: the inspector confirms the"
                    + " register entry with their own identity first (spotcheck:confirmInspector)");
        }
        return entry;
    }

    /** A bureau or a registered inspector of a region; returns the region's code. */
    public String requireBureauOrInspector(Caller caller) {
        caller.requireRole(Caller.BUREAU, Caller.INSPECTOR);
        if (caller.role().equals(Caller.INSPECTOR)) {
            return requireInspector(caller).regionCode();
        }
        return regions.regionOf(caller).code();
    }

    // ------------------------------------------------------------------ enterprises

    public Optional<Enterprise> enterprise(String uscc) {
        return ledger.get(ledger.key(ENTERPRISE_REGION, uscc), String.class)
                .flatMap(region -> ledger.get(ledger.key(ENTERPRISE, region, uscc), Enterprise.class))
                .map(Enterprise::withKindRead);
    }

    public Enterprise requireEnterprise(String uscc) {
        return enterprise(uscc).orElseThrow(() -> RegistryException.notFound("enterprise " + uscc
                + " is not in the enterprise register; the bureau of its region must register it first"));
    }

    public void putEnterprise(Enterprise e) {
        ledger.put(ledger.key(ENTERPRISE, e.regionCode(), e.uscc()), e);
        ledger.put(ledger.key(ENTERPRISE_REGION, e.uscc()), e.regionCode());
    }

    public List<Enterprise> enterprisesOf(String regionCode) {
        return ledger.list(Enterprise.class, ENTERPRISE, regionCode).stream().map(Enterprise::withKindRead).toList();
    }

    // ------------------------------------------------------------------ violations and notices

    public Optional<Violation> violation(String id) {
        return ledger.get(ledger.key(VIOLATION_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(VIOLATION, uscc, id), Violation.class));
    }

    public Violation requireViolation(String id) {
        return violation(id).orElseThrow(() -> RegistryException.notFound("no violation " + id));
    }

    public void putViolation(Violation v) {
        ledger.put(ledger.key(VIOLATION, v.uscc(), v.id()), v);
        ledger.put(ledger.key(VIOLATION_OWNER, v.id()), v.uscc());
    }

    public List<Violation> violations(String uscc) {
        return ledger.list(Violation.class, VIOLATION, uscc).stream()
                .sorted(Comparator.comparing(Violation::recordedAt).thenComparing(Violation::id)).toList();
    }

    public Optional<CrossRegionNotice> notice(String uscc, String violationId) {
        return ledger.get(ledger.key(NOTICE, uscc, violationId), CrossRegionNotice.class);
    }

    public void putNotice(CrossRegionNotice n) {
        ledger.put(ledger.key(NOTICE, n.uscc(), n.violationId()), n);
    }

    public List<CrossRegionNotice> notices(String uscc) {
        return ledger.list(CrossRegionNotice.class, NOTICE, uscc);
    }

    /** Every notice of every enterprise (a scan: the overdue lists and region inboxes). */
    public List<CrossRegionNotice> allNotices() {
        return ledger.list(CrossRegionNotice.class, NOTICE).stream()
                .sorted(Comparator.comparing(CrossRegionNotice::createdOn).thenComparing(CrossRegionNotice::violationId))
                .toList();
    }

    // ------------------------------------------------------------------ ratings

    public Optional<CreditRating> rating(String uscc, String region, int year) {
        return ledger.get(ledger.key(RATING, uscc, region, Integer.toString(year)), CreditRating.class);
    }

    /**
     * SHA-256 (hex) of the rating record exactly as stored, which the next revision's statement
     * must name; empty when the region has not rated the enterprise for that year.
     */
    public Optional<String> storedRatingHash(String uscc, String region, int year) {
        byte[] stored = ledger.stub().getState(ledger.key(RATING, uscc, region, Integer.toString(year)));
        return stored == null || stored.length == 0 ? Optional.empty()
                : Optional.of(cn.cdcq.registry.common.crypto.Hashes.sha256Hex(stored));
    }

    public void putRating(CreditRating r) {
        ledger.put(ledger.key(RATING, r.statement().uscc(), r.statement().regionCode(),
                Integer.toString(r.statement().year())), r);
    }

    public List<CreditRating> ratings(String uscc) {
        return ledger.list(CreditRating.class, RATING, uscc);
    }

    /**
     * Each region's most recent rating in force (by year), by region code: a rating annulled on an
     * objection does not count, so the region's previous year counts instead (docs/objections.md).
     */
    public static Map<String, CreditRating> latestInForce(List<CreditRating> ratings) {
        Map<String, CreditRating> latest = new TreeMap<>();
        for (CreditRating r : ratings) {
            if (r.inForce()) {
                latest.merge(r.statement().regionCode(), r,
                        (a, b) -> b.statement().year() > a.statement().year() ? b : a);
            }
        }
        return latest;
    }

    /** Each region's most recent rating level in force (by year; a corrected level as corrected), by region code. */
    public static Map<String, CreditLevel> latestLevels(List<CreditRating> ratings) {
        Map<String, CreditLevel> levels = new TreeMap<>();
        latestInForce(ratings).forEach((region, r) -> levels.put(region, r.levelInForce()));
        return levels;
    }

    /** The worse of the regions' latest levels; null if no region rated the enterprise. */
    public static CreditLevel effectiveLevel(List<CreditRating> ratings) {
        CreditLevel worst = null;
        for (CreditLevel l : latestLevels(ratings).values()) {
            worst = CreditLevel.worse(worst, l);
        }
        return worst;
    }

    // ------------------------------------------------------------------ blacklist

    public Optional<WageArrearsListing> listing(String id) {
        return ledger.get(ledger.key(LISTING_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(LISTING, uscc, id), WageArrearsListing.class));
    }

    public void putListing(WageArrearsListing l) {
        ledger.put(ledger.key(LISTING, l.uscc(), l.id()), l);
        ledger.put(ledger.key(LISTING_OWNER, l.id()), l.uscc());
    }

    public List<WageArrearsListing> listings(String uscc) {
        return ledger.list(WageArrearsListing.class, LISTING, uscc).stream()
                .sorted(Comparator.comparing(WageArrearsListing::listedOn).thenComparing(WageArrearsListing::id)).toList();
    }

    // ------------------------------------------------------------------ spot checks

    public Optional<InspectorEntry> inspector(String inspectorId) {
        return ledger.get(ledger.key(INSPECTOR, inspectorId), InspectorEntry.class);
    }

    public void putInspector(InspectorEntry e) {
        ledger.put(ledger.key(INSPECTOR, e.inspectorId()), e);
    }

    /** The region's active inspectors, confirmed or pending (the register as listed). */
    public List<InspectorEntry> inspectorsOf(String region) {
        return ledger.list(InspectorEntry.class, INSPECTOR).stream()
                .filter(i -> i.regionCode().equals(region) && i.active()).toList();
    }

    /** The region's active, confirmed inspectors: the ones draws pick from. */
    public List<InspectorEntry> drawableInspectorsOf(String region) {
        return inspectorsOf(region).stream().filter(InspectorEntry::confirmed).toList();
    }

    public void putConflict(ConflictOfInterest c) {
        ledger.put(ledger.key(CONFLICT, c.uscc(), c.inspectorId()), c);
    }

    /** The declared conflicts of interest in force. */
    public List<ConflictOfInterest> conflicts() {
        return ledger.list(ConflictOfInterest.class, CONFLICT).stream().filter(ConflictOfInterest::inForce).toList();
    }

    public Optional<ConflictOfInterest> conflict(String uscc, String inspectorId) {
        return ledger.get(ledger.key(CONFLICT, uscc, inspectorId), ConflictOfInterest.class);
    }

    public Optional<SpotCheckWeights> weights(String region) {
        return ledger.get(ledger.key(WEIGHTS, region), SpotCheckWeights.class);
    }

    public void putWeights(SpotCheckWeights w) {
        ledger.put(ledger.key(WEIGHTS, w.regionCode()), w);
    }

    public Optional<SpotCheckDraw> draw(String id) {
        return ledger.get(ledger.key(DRAW, id), SpotCheckDraw.class);
    }

    public SpotCheckDraw requireDraw(String id) {
        return draw(id).orElseThrow(() -> RegistryException.notFound("no spot-check draw " + id));
    }

    public void putDraw(SpotCheckDraw d) {
        ledger.put(ledger.key(DRAW, d.id()), d);
    }

    public List<SpotCheckDraw> draws() {
        return ledger.list(SpotCheckDraw.class, DRAW).stream()
                .sorted(Comparator.comparing(SpotCheckDraw::openedAt).thenComparing(SpotCheckDraw::id)).toList();
    }

    /** The draws of a register in a period, and the consents to draw again (empty before the first draw). */
    public SpotCheckPeriod drawPeriod(String registerRegion, String period) {
        return ledger.get(ledger.key(DRAW_PERIOD, registerRegion, period), SpotCheckPeriod.class)
                .orElseGet(() -> new SpotCheckPeriod(registerRegion, period, List.of(), List.of()));
    }

    public void putDrawPeriod(SpotCheckPeriod p) {
        ledger.put(ledger.key(DRAW_PERIOD, p.registerRegion(), p.period()), p);
    }

    public Optional<SpotCheckResult> result(String drawId, String uscc) {
        return ledger.get(ledger.key(RESULT, drawId, uscc), SpotCheckResult.class);
    }

    public void putResult(SpotCheckResult r) {
        ledger.put(ledger.key(RESULT, r.drawId(), r.uscc()), r);
    }

    public List<SpotCheckResult> results(String drawId) {
        return ledger.list(SpotCheckResult.class, RESULT, drawId);
    }

    // ------------------------------------------------------------------ Order 45 thresholds

    /** Every revision of the region's wage-arrears threshold, oldest first. */
    public List<WageArrearsThreshold> thresholds(String region) {
        return ledger.list(WageArrearsThreshold.class, THRESHOLD, region);
    }

    /** The region's threshold in force: its latest revision. */
    public Optional<WageArrearsThreshold> threshold(String region) {
        List<WageArrearsThreshold> all = thresholds(region);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public void putThreshold(WageArrearsThreshold t) {
        ledger.put(ledger.key(THRESHOLD, t.regionCode(), String.format("%06d", t.revision())), t);
    }
}
