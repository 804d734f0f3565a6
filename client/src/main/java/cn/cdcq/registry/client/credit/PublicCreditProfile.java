package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
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
 * complaints and assist requests, and the responsible persons' pseudonyms of a listing.
 */
public record PublicCreditProfile(String uscc, String name, String regionCode, boolean platform, String asOf,
                                  CreditLevel effectiveLevel, Map<String, CreditLevel> latestLevels,
                                  List<Rating> ratings, Blacklist blacklist, ViolationCounts violations,
                                  List<SpotCheck> spotChecks) {

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
        return new PublicCreditProfile(p.enterprise().uscc(), p.enterprise().name(), p.enterprise().regionCode(),
                p.enterprise().platform(), p.asOf(), p.effectiveLevel(), new TreeMap<>(p.latestLevels()), ratings,
                new Blacklist(p.blacklisted(), listings),
                new ViolationCounts(p.violations().size(), byType, byStatus, byRegion), checks);
    }

    private static Rating rating(CreditRating r) {
        return new Rating(r.statement().regionCode(), r.statement().year(), r.statement().level(), r.ratedAt(), r.revision());
    }
}
