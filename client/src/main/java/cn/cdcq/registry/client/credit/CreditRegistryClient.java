package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.BlacklistTransactions;
import cn.cdcq.registry.common.credit.EnterpriseTransactions;
import cn.cdcq.registry.common.credit.RatingTransactions;
import cn.cdcq.registry.common.credit.ViolationTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
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

    /** {@code kind} null: the chaincode takes PLATFORM when {@code platform}, else OTHER. */
    public Enterprise registerEnterprise(String uscc, String name, boolean platform, EnterpriseKind kind) {
        return Json.read(gateway.submit(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.REGISTER_ENTERPRISE, uscc, name,
                Boolean.toString(platform), kind == null ? "" : kind.name()), Enterprise.class);
    }

    public Enterprise setEnterpriseKind(String uscc, EnterpriseKind kind, String reason) {
        return Json.read(gateway.submit(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.SET_ENTERPRISE_KIND, uscc,
                kind.name(), reason), Enterprise.class);
    }

    public Enterprise enterprise(String uscc) {
        return Json.read(gateway.evaluate(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.GET_ENTERPRISE, uscc), Enterprise.class);
    }

    public List<Enterprise> enterprises(String regionCode) {
        return Json.readList(gateway.evaluate(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.LIST_ENTERPRISES, regionCode), Enterprise.class);
    }

    public CreditProfile profile(String uscc) {
        return Json.read(gateway.evaluate(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.GET_CREDIT_PROFILE, uscc), CreditProfile.class);
    }

    /** The profile as the ledger returned it, byte for byte (to compare what both peers answer). */
    public String profileJson(String uscc) {
        return gateway.evaluate(EnterpriseTransactions.CONTRACT, EnterpriseTransactions.GET_CREDIT_PROFILE, uscc);
    }

    // ------------------------------------------------------------------ violations

    public Violation recordViolation(ViolationInput violation) {
        return Json.read(gateway.submit(ViolationTransactions.CONTRACT, ViolationTransactions.RECORD_VIOLATION, Json.write(violation)), Violation.class);
    }

    public Violation updateStatus(String violationId, ViolationStatus status) {
        return Json.read(gateway.submit(ViolationTransactions.CONTRACT, ViolationTransactions.UPDATE_STATUS, violationId, status.name()), Violation.class);
    }

    public CrossRegionNotice acknowledgeNotice(String violationId) {
        return Json.read(gateway.submit(ViolationTransactions.CONTRACT, ViolationTransactions.ACKNOWLEDGE_NOTICE, violationId), CrossRegionNotice.class);
    }

    public Violation violation(String id) {
        return Json.read(gateway.evaluate(ViolationTransactions.CONTRACT, ViolationTransactions.GET_VIOLATION, id), Violation.class);
    }

    public List<Violation> violations(String uscc) {
        return Json.readList(gateway.evaluate(ViolationTransactions.CONTRACT, ViolationTransactions.LIST_VIOLATIONS, uscc), Violation.class);
    }

    public CrossRegionNotice notice(String violationId) {
        return Json.read(gateway.evaluate(ViolationTransactions.CONTRACT, ViolationTransactions.GET_NOTICE, violationId), CrossRegionNotice.class);
    }

    public List<CrossRegionNotice> notices(String toRegion, boolean pendingOnly) {
        return Json.readList(gateway.evaluate(ViolationTransactions.CONTRACT, ViolationTransactions.LIST_NOTICES, toRegion, Boolean.toString(pendingOnly)),
                CrossRegionNotice.class);
    }

    public List<CrossRegionNotice> overdueNotices() {
        return Json.readList(gateway.evaluate(ViolationTransactions.CONTRACT, ViolationTransactions.LIST_OVERDUE_NOTICES), CrossRegionNotice.class);
    }

    // ------------------------------------------------------------------ ratings

    /** The statement the caller's region would sign; {@code level} null for the rules' level. */
    public CreditRatingStatement previewRating(String uscc, int year, String level, String overrideReason) {
        return Json.read(gateway.evaluate(RatingTransactions.CONTRACT, RatingTransactions.PREVIEW_RATING, uscc, Integer.toString(year),
                level == null ? "" : level, overrideReason == null ? "" : overrideReason), CreditRatingStatement.class);
    }

    public CreditRating recordRating(CreditRatingStatement statement, String signatureHex) {
        return Json.read(gateway.submit(RatingTransactions.CONTRACT, RatingTransactions.RECORD_RATING, Json.write(statement), signatureHex), CreditRating.class);
    }

    /** Preview, sign with the region's attestation key, record: how a bureau rates. */
    public CreditRating rate(String uscc, int year, String level, String overrideReason, RatingSigner signer) {
        CreditRatingStatement statement = previewRating(uscc, year, level, overrideReason);
        return recordRating(statement, signer.signHex(statement));
    }

    public CreditRating rating(String uscc, String regionCode, int year) {
        return Json.read(gateway.evaluate(RatingTransactions.CONTRACT, RatingTransactions.GET_RATING, uscc, regionCode, Integer.toString(year)),
                CreditRating.class);
    }

    public List<CreditRating> ratings(String uscc) {
        return Json.readList(gateway.evaluate(RatingTransactions.CONTRACT, RatingTransactions.LIST_RATINGS, uscc), CreditRating.class);
    }

    public EffectiveLevel effectiveLevel(String uscc) {
        return Json.read(gateway.evaluate(RatingTransactions.CONTRACT, RatingTransactions.GET_EFFECTIVE_LEVEL, uscc), EffectiveLevel.class);
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
        return Json.read(gateway.submit(BlacklistTransactions.CONTRACT, BlacklistTransactions.LIST, Json.write(listing)), WageArrearsListing.class);
    }

    public WageArrearsListing removeEarly(EarlyRemovalInput removal) {
        return Json.read(gateway.submit(BlacklistTransactions.CONTRACT, BlacklistTransactions.REMOVE_EARLY, Json.write(removal)), WageArrearsListing.class);
    }

    public WageArrearsListing listing(String listingId) {
        return Json.read(gateway.evaluate(BlacklistTransactions.CONTRACT, BlacklistTransactions.GET_LISTING, listingId), WageArrearsListing.class);
    }

    public BlacklistStatus blacklistStatus(String uscc) {
        return Json.read(gateway.evaluate(BlacklistTransactions.CONTRACT, BlacklistTransactions.GET_STATUS, uscc), BlacklistStatus.class);
    }

    /** Whether the enterprise is listed today by any region. */
    public record BlacklistStatus(String uscc, String asOf, boolean listed, List<String> listingRegions,
                                  List<WageArrearsListing> listings) {
    }
}
