package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.SpotCheckWeighting;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.profile.CreditProfile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What anyone may read about an enterprise's labor credit: the register entry, each region's
 * ratings and the effective level, blacklist status with each listing's term, violation counts
 * by type, status and recording region, and published spot-check outcomes. Left out, because
 * they are for officials or could point at a person: who registered or rated (accounts),
 * override reasons (free text), inspector ids, document hashes, amounts, cross-region notices,
 * complaints and assist requests, and the responsible persons' pseudonyms of a listing. The
 * kind's history is shown by date without who changed it or why; the joint restrictions in
 * force and the spot-check weighting (docs/joint-measures.md) are public.
 */
public record PublicCreditProfile(String uscc, String name, String regionCode, boolean platform, EnterpriseKind kind,
                                  List<KindChange> kindHistory, String asOf,
                                  CreditLevel effectiveLevel, Map<String, CreditLevel> latestLevels,
                                  List<Rating> ratings, Blacklist blacklist, ViolationCounts violations,
                                  List<SpotCheck> spotChecks, List<JointRestriction> restrictions,
                                  SpotCheckWeighting spotCheckWeighting) {

    /** A kind the enterprise was given, from when. */
    public record KindChange(EnterpriseKind kind, String changedAt) {
    }

    public record Rating(String regionCode, int year, CreditLevel level, String ratedAt, int revision) {
    }

    public record Blacklist(boolean listed, List<Listing> listings) {
    }

    public record Listing(String listingRegion, String listedOn, String expiresOn, String status) {
    }

    public record ViolationCounts(int total, Map<String, Integer> byType, Map<String, Integer> byStatus,
                                  Map<String, Integer> byRecordingRegion) {
    }

    /** A draw that picked the enterprise; outcome null until published. */
    public record SpotCheck(String drawId, String registerRegion, String outcome, String publishedAt) {
    }

    public static PublicCreditProfile of(CreditProfile p) {
        List<Rating> ratings = p.ratings().stream().map(PublicCreditProfile::rating).toList();
        List<Listing> listings = p.listings().stream()
                .map(l -> new Listing(l.listingRegion(), l.listedOn(), l.expiresOn(), l.status().name())).toList();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byRegion = new TreeMap<>();
        for (Violation v : p.violations()) {
            byType.merge(v.type().name(), 1, Integer::sum);
            byStatus.merge(v.status().name(), 1, Integer::sum);
            byRegion.merge(v.recordingRegion(), 1, Integer::sum);
        }
        List<SpotCheck> checks = p.spotChecks().stream().map(s -> new SpotCheck(s.drawId(), s.registerRegion(),
                s.result() == null ? null : s.result().outcome().name(),
                s.result() == null ? null : s.result().publishedAt())).toList();
        Enterprise e = p.enterprise().withKindRead();
        List<KindChange> kinds = e.kindHistory().stream().map(k -> new KindChange(k.kind(), k.changedAt())).toList();
        return new PublicCreditProfile(e.uscc(), e.name(), e.regionCode(), e.platform(), e.kind(), kinds, p.asOf(),
                p.effectiveLevel(), new TreeMap<>(p.latestLevels()), ratings,
                new Blacklist(p.blacklisted(), listings),
                new ViolationCounts(p.violations().size(), byType, byStatus, byRegion), checks,
                p.restrictions() == null ? List.of() : p.restrictions(), p.spotCheckWeighting());
    }

    private static Rating rating(CreditRating r) {
        return new Rating(r.statement().regionCode(), r.statement().year(), r.statement().level(), r.ratedAt(), r.revision());
    }
}
