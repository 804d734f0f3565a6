package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;

/**
 * How much likelier a draw from a region's register picks an enterprise of each effective level
 * ("C more likely than B, B than A"). Set by that region's bureau.
 *
 * @param regionCode the register the weights apply to (filled in by the chaincode)
 * @param a          weight of an effective A
 * @param b          weight of an effective B
 * @param c          weight of an effective C
 * @param unrated    weight of an enterprise no region has rated yet
 * @param setAt      ISO-8601 instant (filled in by the chaincode)
 * @param setBy      bureau account (filled in by the chaincode)
 */
public record SpotCheckWeights(String regionCode, int a, int b, int c, int unrated, String setAt, String setBy) {

    public static final int MAX_WEIGHT = 1000;

    public SpotCheckWeights {
        for (int w : new int[] {a, b, c, unrated}) {
            if (w < 1 || w > MAX_WEIGHT) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        "spot-check weights must be 1 to " + MAX_WEIGHT + "; got a=" + a + ", b=" + b + ", c=" + c
                                + ", unrated=" + unrated);
            }
        }
        if (!(a <= b && b <= c)) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "weights must not favour better levels: need a <= b <= c, got a=" + a + ", b=" + b + ", c=" + c);
        }
    }

    /** The weight of an enterprise whose effective level is {@code level} (null: unrated). */
    public int weightOf(CreditLevel level) {
        if (level == null) {
            return unrated;
        }
        return switch (level) {
            case A -> a;
            case B -> b;
            case C -> c;
        };
    }
}
