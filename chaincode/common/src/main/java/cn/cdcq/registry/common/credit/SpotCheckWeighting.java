package cn.cdcq.registry.common.credit;

/**
 * How an enterprise stands in the draws of its register: the weight its effective level gets
 * from the register region's spot-check weights, and whether that is the A-level incentive
 * (drawn less often than a B-rated enterprise).
 *
 * @param registerRegion the region whose register (and weights) the enterprise is drawn from
 * @param effectiveLevel the worse of the regions' latest levels, null when unrated
 * @param weight         its weight in that region's draws; null when the region has set no weights
 * @param weights        the region's weight of each level, null when it has set none (without who set them)
 * @param drawnLessOften true when the enterprise is A-rated and A weighs less than B there
 */
public record SpotCheckWeighting(String registerRegion, CreditLevel effectiveLevel, Integer weight,
                                 Weights weights, boolean drawnLessOften) {

    /** The register's weight of each effective level. */
    public record Weights(int a, int b, int c, int unrated) {
    }

    public static SpotCheckWeighting of(String registerRegion, CreditLevel effectiveLevel, SpotCheckWeights weights) {
        if (weights == null) {
            return new SpotCheckWeighting(registerRegion, effectiveLevel, null, null, false);
        }
        return new SpotCheckWeighting(registerRegion, effectiveLevel, weights.weightOf(effectiveLevel),
                new Weights(weights.a(), weights.b(), weights.c(), weights.unrated()),
                effectiveLevel == CreditLevel.A && weights.a() < weights.b());
    }
}
