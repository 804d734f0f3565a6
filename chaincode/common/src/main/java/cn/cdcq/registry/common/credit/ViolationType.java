package cn.cdcq.registry.common.credit;

/** The kinds of labor-law violation an inspector records. */
public enum ViolationType {
    WAGE_ARREARS,
    NO_WRITTEN_CONTRACT,
    ILLEGAL_OVERTIME,
    SOCIAL_INSURANCE,
    MINIMUM_WAGE,
    CHILD_LABOR,
    FORCED_LABOR,
    OCCUPATIONAL_INJURY,
    /** Refusing or obstructing an inspection order or decision (a C condition by itself). */
    REFUSED_INSPECTION_ORDER,
    OTHER
}
