package cn.cdcq.registry.common.credit;

import java.util.List;

/**
 * The chaincode events of the enterprise register, violations, the blacklist, ratings and spot
 * checks: each name, and the record its payload is (absent fields are null). Enterprises are
 * named by USCC, people never.
 */
public final class CreditEvents {

    public static final String ENTERPRISE_REGISTERED = "EnterpriseRegistered";
    public static final String ENTERPRISE_KIND_CHANGED = "EnterpriseKindChanged";
    public static final String VIOLATION_RECORDED = "ViolationRecorded";
    public static final String CROSS_REGION_NOTICE_RAISED = "CrossRegionNoticeRaised";
    public static final String VIOLATION_STATUS_CHANGED = "ViolationStatusChanged";
    public static final String CROSS_REGION_NOTICE_ACKNOWLEDGED = "CrossRegionNoticeAcknowledged";
    public static final String ENTERPRISE_BLACKLISTED = "EnterpriseBlacklisted";
    public static final String BLACKLIST_REMOVED_EARLY = "BlacklistRemovedEarly";
    public static final String RATING_RECORDED = "RatingRecorded";
    public static final String INSPECTOR_REGISTERED = "InspectorRegistered";
    public static final String INSPECTOR_CONFIRMED = "InspectorConfirmed";
    public static final String CONFLICT_OF_INTEREST_DECLARED = "ConflictOfInterestDeclared";
    public static final String INSPECTOR_WITHDRAWN = "InspectorWithdrawn";
    public static final String CONFLICT_OF_INTEREST_WITHDRAWN = "ConflictOfInterestWithdrawn";
    public static final String SPOT_CHECK_WEIGHTS_SET = "SpotCheckWeightsSet";
    public static final String SPOT_CHECK_OPENED = "SpotCheckOpened";
    public static final String SPOT_CHECK_COMMITTED = "SpotCheckCommitted";
    public static final String SPOT_CHECK_LAPSED = "SpotCheckLapsed";
    public static final String SPOT_CHECK_REDRAW_CONSENTED = "SpotCheckRedrawConsented";
    public static final String SPOT_CHECK_REVEALED = "SpotCheckRevealed";
    public static final String SPOT_CHECK_DRAWN = "SpotCheckDrawn";
    public static final String SPOT_CHECK_RESULT_PUBLISHED = "SpotCheckResultPublished";

    private CreditEvents() {
    }

    /** {@value #ENTERPRISE_REGISTERED}. */
    public record EnterpriseRegistered(String uscc, String regionCode) {
    }

    /** {@value #ENTERPRISE_KIND_CHANGED}: the registering region changed the enterprise's kind. */
    public record EnterpriseKindChanged(String uscc, String regionCode, EnterpriseKind from, EnterpriseKind to) {
    }

    /**
     * {@value #VIOLATION_RECORDED}, or {@value #CROSS_REGION_NOTICE_RAISED} when the enterprise is
     * of the other region, which then gets {@code toRegion} and {@code dueOn}.
     */
    public record ViolationRecorded(String violationId, String uscc, ViolationType type, boolean major,
                                    String fromRegion, String toRegion, String dueOn) {
    }

    /** {@value #VIOLATION_STATUS_CHANGED}. */
    public record ViolationStatusChanged(String violationId, String uscc, ViolationStatus status) {
    }

    /** {@value #CROSS_REGION_NOTICE_ACKNOWLEDGED}. */
    public record NoticeAcknowledged(String violationId, String uscc, String toRegion, boolean late) {
    }

    /** {@value #ENTERPRISE_BLACKLISTED}. */
    public record EnterpriseBlacklisted(String listingId, String uscc, String listingRegion, String listedOn,
                                        String expiresOn) {
    }

    /** {@value #BLACKLIST_REMOVED_EARLY}. */
    public record BlacklistRemovedEarly(String listingId, String uscc, String listingRegion, String removedOn) {
    }

    /** {@value #RATING_RECORDED}, with the enterprise's effective level after it. */
    public record RatingRecorded(String uscc, String regionCode, int year, CreditLevel level, CreditLevel ruleLevel,
                                 CreditLevel effectiveLevel) {
    }

    /** {@value #INSPECTOR_REGISTERED}. */
    public record InspectorRegistered(String inspectorId, String regionCode) {
    }

    /** {@value #INSPECTOR_CONFIRMED}: the inspector confirmed the entry with their own identity. */
    public record InspectorConfirmed(String inspectorId, String regionCode) {
    }

    /** {@value #INSPECTOR_WITHDRAWN}. */
    public record InspectorWithdrawn(String inspectorId, String regionCode) {
    }

    /** {@value #CONFLICT_OF_INTEREST_WITHDRAWN}. */
    public record ConflictOfInterestWithdrawn(String inspectorId, String uscc) {
    }

    /** {@value #CONFLICT_OF_INTEREST_DECLARED}. */
    public record ConflictOfInterestDeclared(String inspectorId, String uscc) {
    }

    /** {@value #SPOT_CHECK_WEIGHTS_SET}. */
    public record SpotCheckWeightsSet(String regionCode, int a, int b, int c, int unrated) {
    }

    /** {@value #SPOT_CHECK_OPENED}. */
    public record SpotCheckOpened(String drawId, String registerRegion, String openedByRegion, int enterpriseCount,
                                  List<String> participants) {
    }

    /**
     * {@value #SPOT_CHECK_COMMITTED}, {@value #SPOT_CHECK_REVEALED} and {@value #SPOT_CHECK_DRAWN}:
     * a region's step and the draw's status after it; the drawn enterprises once drawn.
     */
    public record SpotCheckStep(String drawId, String regionCode, SpotCheckDraw.Status status, List<String> usccs) {
    }

    /** {@value #SPOT_CHECK_LAPSED}: the reveal deadline passed; {@code lapsedRegions} had not revealed. */
    public record SpotCheckLapsed(String drawId, String registerRegion, List<String> lapsedRegions) {
    }

    /** {@value #SPOT_CHECK_REDRAW_CONSENTED}: {@code regionCode} allows draw {@code forDraw} of the register in the period. */
    public record SpotCheckRedrawConsented(String registerRegion, String period, String regionCode, int forDraw) {
    }

    /** {@value #SPOT_CHECK_RESULT_PUBLISHED}. */
    public record SpotCheckResultPublished(String drawId, String uscc, SpotCheckResult.Outcome outcome) {
    }
}
