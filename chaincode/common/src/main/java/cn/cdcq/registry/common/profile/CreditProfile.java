package cn.cdcq.registry.common.profile;

import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.SpotCheckWeighting;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.WageArrearsListing;

import java.util.List;
import java.util.Map;

/**
 * An enterprise's labor-credit standing in one answer, the same through either region's peer:
 * the one record that reads both credit and cases, so it sits above both.
 *
 * @param enterprise        the register entry
 * @param asOf              the Asia/Shanghai date the profile is computed for
 * @param ratings           every rating by every region, by region then year
 * @param latestLevels      each region's most recent rating level, by region code
 * @param effectiveLevel    the worse of the regions' latest levels (null: not rated)
 * @param violations        every recorded violation
 * @param notices           cross-region notices about them
 * @param blacklisted       listed on the wage-arrears blacklist today by any region
 * @param listings          every listing, active or not
 * @param spotChecks        draws that picked the enterprise, with published results
 * @param openComplaints    complaints not yet closed or declined (without the worker pseudonym)
 * @param openAssistRequests assist requests about it not yet answered
 * @param restrictions      the records restricting it today in both regions (docs/joint-measures.md)
 * @param spotCheckWeighting its weight in its register's spot-check draws (the A-level incentive)
 */
public record CreditProfile(Enterprise enterprise, String asOf, List<CreditRating> ratings,
                            Map<String, CreditLevel> latestLevels, CreditLevel effectiveLevel,
                            List<Violation> violations, List<CrossRegionNotice> notices, boolean blacklisted,
                            List<WageArrearsListing> listings, List<SpotCheck> spotChecks,
                            List<OpenCase> openComplaints, List<AssistRequest> openAssistRequests,
                            List<JointRestriction> restrictions, SpotCheckWeighting spotCheckWeighting) {

    /** One draw that picked the enterprise: who checks, and the result once published. */
    public record SpotCheck(String drawId, String registerRegion, List<String> inspectorIds, SpotCheckResult result) {
    }

    /** A complaint as the profile shows it: no worker pseudonym. */
    public record OpenCase(String complaintId, Complaint.Status status, String filedRegion,
                           String jurisdictionRegion, String category, String acceptanceDueOn) {
    }
}
