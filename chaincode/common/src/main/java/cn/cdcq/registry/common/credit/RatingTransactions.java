package cn.cdcq.registry.common.credit;

/**
 * The names of the rating contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class RatingTransactions {

    public static final String CONTRACT = "rating";

    public static final String PREVIEW_RATING = "previewRating";
    public static final String RECORD_RATING = "recordRating";
    public static final String GET_RATING = "getRating";
    public static final String LIST_RATINGS = "listRatings";
    public static final String GET_EFFECTIVE_LEVEL = "getEffectiveLevel";

    private RatingTransactions() {
    }
}
