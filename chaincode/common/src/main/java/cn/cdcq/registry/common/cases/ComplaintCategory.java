package cn.cdcq.registry.common.cases;

/** What a worker complains about; the only description of a complaint on the ledger. */
public enum ComplaintCategory {
    WAGE_ARREARS, NO_WRITTEN_CONTRACT, OVERTIME, SOCIAL_INSURANCE, MINIMUM_WAGE, OCCUPATIONAL_INJURY,
    UNLAWFUL_DISMISSAL, OTHER
}
