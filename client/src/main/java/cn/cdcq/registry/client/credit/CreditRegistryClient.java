package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import cn.cdcq.registry.common.settings.SettingsTransactions;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;

import java.util.List;

/**
 * Enterprise labor credit as typed calls for one user through one peer: the enterprise register
 * ({@code enterprise}), violations and notices ({@code violation}), signed ratings
 * ({@code rating}) and the wage-arrears blacklist ({@code blacklist}).
 */
public final class CreditRegistryClient {

    private final RegistryGateway gateway;

    public CreditRegistryClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    // ------------------------------------------------------------------ enterprise

    public Enterprise registerEnterprise(String uscc, String name, boolean platform) {
        return Json.read(gateway.submit("enterprise", "registerEnterprise", uscc, name, Boolean.toString(platform)),
                Enterprise.class);
    }

    public Enterprise enterprise(String uscc) {
        return Json.read(gateway.evaluate("enterprise", "getEnterprise", uscc), Enterprise.class);
    }

    public List<Enterprise> enterprises(String regionCode) {
        return Json.readList(gateway.evaluate("enterprise", "listEnterprises", regionCode), Enterprise.class);
    }

    public CreditProfile profile(String uscc) {
        return Json.read(gateway.evaluate("enterprise", "getCreditProfile", uscc), CreditProfile.class);
    }

    /** The profile as the ledger returned it, byte for byte (to compare what both peers answer). */
    public String profileJson(String uscc) {
        return gateway.evaluate("enterprise", "getCreditProfile", uscc);
    }

    // ------------------------------------------------------------------ violations

    public Violation recordViolation(ViolationInput violation) {
        return Json.read(gateway.submit("violation", "recordViolation", Json.write(violation)), Violation.class);
    }

    public Violation updateStatus(String violationId, ViolationStatus status) {
        return Json.read(gateway.submit("violation", "updateStatus", violationId, status.name()), Violation.class);
    }

    public CrossRegionNotice acknowledgeNotice(String violationId) {
        return Json.read(gateway.submit("violation", "acknowledgeNotice", violationId), CrossRegionNotice.class);
    }

    public Violation violation(String id) {
        return Json.read(gateway.evaluate("violation", "getViolation", id), Violation.class);
    }

    public List<Violation> violations(String uscc) {
        return Json.readList(gateway.evaluate("violation", "listViolations", uscc), Violation.class);
    }

    public CrossRegionNotice notice(String violationId) {
        return Json.read(gateway.evaluate("violation", "getNotice", violationId), CrossRegionNotice.class);
    }

    public List<CrossRegionNotice> notices(String toRegion, boolean pendingOnly) {
        return Json.readList(gateway.evaluate("violation", "listNotices", toRegion, Boolean.toString(pendingOnly)),
                CrossRegionNotice.class);
    }

    public List<CrossRegionNotice> overdueNotices() {
        return Json.readList(gateway.evaluate("violation", "listOverdueNotices"), CrossRegionNotice.class);
    }

    // ------------------------------------------------------------------ ratings

    /** The statement the caller's region would sign; {@code level} null for the rules' level. */
    public CreditRatingStatement previewRating(String uscc, int year, String level, String overrideReason) {
        return Json.read(gateway.evaluate("rating", "previewRating", uscc, Integer.toString(year),
                level == null ? "" : level, overrideReason == null ? "" : overrideReason), CreditRatingStatement.class);
    }

    public CreditRating recordRating(CreditRatingStatement statement, String signatureHex) {
        return Json.read(gateway.submit("rating", "recordRating", Json.write(statement), signatureHex), CreditRating.class);
    }

    /** Preview, sign with the region's attestation key, record: how a bureau rates. */
    public CreditRating rate(String uscc, int year, String level, String overrideReason, RatingSigner signer) {
        CreditRatingStatement statement = previewRating(uscc, year, level, overrideReason);
        return recordRating(statement, signer.signHex(statement));
    }

    public CreditRating rating(String uscc, String regionCode, int year) {
        return Json.read(gateway.evaluate("rating", "getRating", uscc, regionCode, Integer.toString(year)),
                CreditRating.class);
    }

    public List<CreditRating> ratings(String uscc) {
        return Json.readList(gateway.evaluate("rating", "listRatings", uscc), CreditRating.class);
    }

    public EffectiveLevel effectiveLevel(String uscc) {
        return Json.read(gateway.evaluate("rating", "getEffectiveLevel", uscc), EffectiveLevel.class);
    }

    /** Each region's latest level and the worse of them (null when unrated). */
    public record EffectiveLevel(String uscc, java.util.Map<String, String> latestLevels, String effectiveLevel) {
    }

    // ------------------------------------------------------------------ blacklist

    /** Sets this region's Order 45 wage-arrears threshold (a new revision; earlier ones stay on the ledger). */
    public WageArrearsThreshold setWageArrearsThreshold(long amountFen) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.SET_WAGE_ARREARS_THRESHOLD, Long.toString(amountFen)),
                WageArrearsThreshold.class);
    }

    /** The region's threshold in force. */
    public WageArrearsThreshold wageArrearsThreshold(String regionCode) {
        return Json.read(gateway.evaluate(SettingsTransactions.CONTRACT, SettingsTransactions.GET_WAGE_ARREARS_THRESHOLD, regionCode), WageArrearsThreshold.class);
    }

    public WageArrearsListing list(ListingInput listing) {
        return Json.read(gateway.submit("blacklist", "list", Json.write(listing)), WageArrearsListing.class);
    }

    public WageArrearsListing removeEarly(EarlyRemovalInput removal) {
        return Json.read(gateway.submit("blacklist", "removeEarly", Json.write(removal)), WageArrearsListing.class);
    }

    public WageArrearsListing listing(String listingId) {
        return Json.read(gateway.evaluate("blacklist", "getListing", listingId), WageArrearsListing.class);
    }

    public BlacklistStatus blacklistStatus(String uscc) {
        return Json.read(gateway.evaluate("blacklist", "getStatus", uscc), BlacklistStatus.class);
    }

    /** Whether the enterprise is listed today by any region. */
    public record BlacklistStatus(String uscc, String asOf, boolean listed, List<String> listingRegions,
                                  List<WageArrearsListing> listings) {
    }
}
