package cn.cdcq.registry.common.credit;

/**
 * A region's signed integrity rating of an enterprise for a year. The rule level and the
 * recorded level are both kept; they differ only with the bureau's written reason.
 *
 * @param statement    what was signed (see {@link CreditRatingStatement})
 * @param signatureHex DER ECDSA signature by the region's attestation key, hex
 * @param ratedAt      ISO-8601 instant of recording
 * @param ratedBy      the bureau account ("MSPID/account")
 * @param revision     1 for the first rating of the year, +1 for each re-rating
 * @param objection    the rating region's decision on an objection that corrected or annulled this revision
 *                     (docs/objections.md), null if none; outside the signed statement, so the signature still
 *                     verifies, and dropped by the next re-rating, which is signed afresh
 */
public record CreditRating(CreditRatingStatement statement, String signatureHex, String ratedAt, String ratedBy,
                           int revision, ObjectionOutcome objection) {

    /**
     * What an objection decision did to the rating.
     *
     * @param objectionId the objection
     * @param outcome     {@code CORRECTED} or {@code ANNULLED}
     * @param level       the level in force after a correction; null when annulled
     * @param decidedAt   ISO-8601 instant of the decision
     */
    public record ObjectionOutcome(String objectionId, String outcome, CreditLevel level, String decidedAt) {
    }

    /** A rating no objection touched. */
    public CreditRating(CreditRatingStatement statement, String signatureHex, String ratedAt, String ratedBy,
                        int revision) {
        this(statement, signatureHex, ratedAt, ratedBy, revision, null);
    }

    /** The level this rating counts with: the signed level, or the corrected one; null when annulled. */
    public CreditLevel levelInForce() {
        return objection == null ? statement.level() : objection.level();
    }

    /** Whether the rating counts at all (not annulled on an objection). */
    public boolean inForce() {
        return levelInForce() != null;
    }

    public CreditRating withObjection(ObjectionOutcome outcome) {
        return new CreditRating(statement, signatureHex, ratedAt, ratedBy, revision, outcome);
    }
}
