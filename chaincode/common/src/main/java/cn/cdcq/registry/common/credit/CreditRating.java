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
 */
public record CreditRating(CreditRatingStatement statement, String signatureHex, String ratedAt, String ratedBy,
                           int revision) {
}
