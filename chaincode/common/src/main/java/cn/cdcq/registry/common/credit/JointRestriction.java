package cn.cdcq.registry.common.credit;

/**
 * A record of either region that, while it lasts, bars an enterprise in both regions from being
 * accredited as a training center and from receiving a training subsidy (docs/joint-measures.md).
 *
 * @param cause    what the record is
 * @param recordId the listing's id, or the rating's id ({@link #ratingId})
 * @param region   the region that made the record
 * @param since    the date it took effect (listing date; rating date)
 * @param until    the date it stops counting (a listing's term end, exclusive); null for a rating,
 *                 which counts until that region's next rating of the enterprise
 */
public record JointRestriction(Cause cause, String recordId, String region, String since, String until) {

    public enum Cause {
        /** On the wage-arrears list (MOHRSS Order 45), in its term and not removed early. */
        WAGE_ARREARS_LISTING,
        /** The region's latest integrity rating of the enterprise is C. */
        C_RATING
    }

    /** A rating's id: enterprise, region, year and revision, e.g. {@code 9150.../CQ/2026/r1}. */
    public static String ratingId(CreditRating rating) {
        CreditRatingStatement s = rating.statement();
        return s.uscc() + "/" + s.regionCode() + "/" + s.year() + "/r" + rating.revision();
    }

    /** One line for a refusal: which record, of which region, since when. */
    public String describe() {
        return switch (cause) {
            case WAGE_ARREARS_LISTING -> "on the wage-arrears list of region " + region + " (listing " + recordId
                    + ", listed " + since + ", term to " + until + ")";
            case C_RATING -> "rated C by region " + region + " (rating " + recordId + ", rated " + since + ")";
        };
    }
}
