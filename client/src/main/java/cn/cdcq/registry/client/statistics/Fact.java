package cn.cdcq.registry.client.statistics;

import java.util.List;

/**
 * One thing the statistics count, as derived from one ledger transaction: what the read store
 * keeps (DATA_DIR/statistics/facts-v2.jsonl). Records are named by number, id or USCC; holders only
 * by their pseudonym (HMAC of the ID number, as on the ledger), which is kept to count distinct
 * holders across regions and is never published.
 *
 * @param type       what it is ({@link Type})
 * @param id         the record: certificate number, recognition case, claim, complaint, violation id, USCC
 * @param block      the block it was committed in (a later one wins where a record changes)
 * @param region     the region it counts under
 * @param occupation certificate occupation code
 * @param level      certificate level
 * @param month      certificate issue month (yyyy-MM)
 * @param pseudonym  holder pseudonym (certificates, subsidy claims, complaints)
 * @param value      recognition status, enterprise kind, violation type (null: annulled), credit level (null: annulled)
 * @param ref        a recognition's certificate number; the enterprise kind of a violation
 * @param period     a report's quarter
 * @param version    a report's version; a rating's year (a rating is counted per enterprise, region and year)
 * @param amounts    a report's total workers, new-form workers, occupational injuries, complaints received
 */
public record Fact(Type type, String id, long block, String region, String occupation, Integer level, String month,
                   String pseudonym, String value, String ref, String period, Integer version, List<Long> amounts) {

    public enum Type { CERTIFICATE, RECOGNITION, SUBSIDY_CLAIM, COMPLAINT, ENTERPRISE, VIOLATION, RATING, REPORT }

    /**
     * The fields of few distinct values (regions, occupation codes, months, statuses, kinds,
     * quarters) share one copy each: the store keeps a fact per certificate in memory, and at
     * 750,000 certificates their separate copies alone had filled the service's heap (an
     * OutOfMemoryError in the event listener, scripts/bench.sh --scale 1000000).
     */
    public Fact {
        region = shared(region);
        occupation = shared(occupation);
        month = shared(month);
        value = shared(value);
        period = shared(period);
    }

    private static String shared(String s) {
        return s == null ? null : s.intern();
    }

    static Fact certificate(String number, long block, String region, String occupation, int level, String month, String pseudonym) {
        return new Fact(Type.CERTIFICATE, number, block, region, occupation, level, month, pseudonym, null, null, null, null, null);
    }

    static Fact recognition(String caseId, long block, String targetRegion, String status, String certificateNumber) {
        return new Fact(Type.RECOGNITION, caseId, block, targetRegion, null, null, null, null, status, certificateNumber, null, null, null);
    }

    static Fact holderActivity(Type type, String id, long block, String region, String pseudonym) {
        return new Fact(type, id, block, region, null, null, null, pseudonym, null, null, null, null, null);
    }

    static Fact enterprise(String uscc, long block, String region, String kind) {
        return new Fact(Type.ENTERPRISE, uscc, block, region, null, null, null, null, kind, null, null, null, null);
    }

    static Fact violation(String id, long block, String region, String type, String enterpriseKind) {
        return new Fact(Type.VIOLATION, id, block, region, null, null, null, null, type, enterpriseKind, null, null, null);
    }

    static Fact rating(String uscc, long block, String region, int year, String level) {
        return new Fact(Type.RATING, uscc, block, region, null, null, null, null, level, null, null, year, null);
    }

    static Fact report(String uscc, long block, String region, String period, int version, List<Long> amounts) {
        return new Fact(Type.REPORT, uscc, block, region, null, null, null, null, null, null, period, version, amounts);
    }
}
