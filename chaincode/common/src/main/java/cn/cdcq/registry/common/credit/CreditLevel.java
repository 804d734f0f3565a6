package cn.cdcq.registry.common.credit;

/** MOHRSS labor-integrity levels: A good, B fair, C poor. Declared best first. */
public enum CreditLevel {
    A, B, C;

    /** The worse of two levels (C is worse than B, B than A); {@code null} counts as no rating. */
    public static CreditLevel worse(CreditLevel x, CreditLevel y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        return x.ordinal() >= y.ordinal() ? x : y;
    }
}
