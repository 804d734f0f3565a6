package cn.cdcq.registry.common.credit;

import java.util.List;

/**
 * An employer in the enterprise register, registered by the bureau of the region where it is
 * registered (its jurisdiction for complaints and spot checks).
 *
 * @param uscc         unified social credit code (GB 32100-2015)
 * @param name         registered name of the enterprise
 * @param regionCode   region of registration, e.g. {@code CQ}
 * @param platform     a gig platform operating in both regions: true exactly when {@code kind} is
 *                     {@link EnterpriseKind#PLATFORM} (kept for readers of the flag)
 * @param registeredAt ISO-8601 instant of the registering transaction
 * @param registeredBy the bureau account that registered it ("MSPID/account")
 * @param kind         what kind of employer it is; null only in records written before kinds
 *                     existed (read them through {@link #withKindRead()})
 * @param kindHistory  every kind it was given, oldest first, the last one in force; empty for a
 *                     record written before kinds existed until its bureau sets one
 */
public record Enterprise(String uscc, String name, String regionCode, boolean platform, String registeredAt,
                         String registeredBy, EnterpriseKind kind, List<KindChange> kindHistory) {

    /** One kind given to the enterprise: at registration (no reason needed) or by a later change. */
    public record KindChange(EnterpriseKind kind, String changedAt, String changedBy, String reason) {
    }

    public Enterprise {
        kindHistory = kindHistory == null ? List.of() : List.copyOf(kindHistory);
    }

    /** A new entry of the register with its first kind. */
    public static Enterprise registered(String uscc, String name, String regionCode, EnterpriseKind kind,
                                        String registeredAt, String registeredBy) {
        return new Enterprise(uscc, name, regionCode, kind == EnterpriseKind.PLATFORM, registeredAt, registeredBy, kind,
                List.of(new KindChange(kind, registeredAt, registeredBy, null)));
    }

    /**
     * The record as every reader sees it: a record written before kinds existed reads as
     * {@link EnterpriseKind#PLATFORM} when its platform flag is set, else {@link EnterpriseKind#OTHER},
     * with an empty history (nothing was ever stated).
     */
    public Enterprise withKindRead() {
        if (kind != null) {
            return this;
        }
        return new Enterprise(uscc, name, regionCode, platform, registeredAt, registeredBy,
                platform ? EnterpriseKind.PLATFORM : EnterpriseKind.OTHER, kindHistory);
    }

    /** This enterprise with another kind, the change appended to its history. */
    public Enterprise withKind(EnterpriseKind newKind, String at, String by, String reason) {
        List<KindChange> history = new java.util.ArrayList<>(kindHistory);
        history.add(new KindChange(newKind, at, by, reason));
        return new Enterprise(uscc, name, regionCode, newKind == EnterpriseKind.PLATFORM, registeredAt, registeredBy,
                newKind, history);
    }
}
