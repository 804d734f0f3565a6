package cn.cdcq.registry.common.report;

/**
 * A region's switch: whether the region lets a platform enterprise file and correct its own
 * reports with an enterprise account ({@code role=enterprise}, its {@code uscc} attribute) of the
 * region's organization. The region's own policy, set by its own bureau alone (no approval by the
 * other region); off until that bureau first turns it on (docs/reports.md).
 *
 * @param regionCode the region whose switch it is
 * @param allowed    whether its enterprises may file their own reports
 * @param revision   0 for the default (never set), 1 for the first setting, +1 for each; every revision stays on the ledger
 * @param setAt      ISO-8601 instant of the setting (the transaction's time); null for the default
 * @param setBy      the bureau account that set it ("MSPID/account"); null for the default
 */
public record SelfFiling(String regionCode, boolean allowed, int revision, String setAt, String setBy) {

    /** The switch of a region whose bureau never set it: off. */
    public static SelfFiling off(String regionCode) {
        return new SelfFiling(regionCode, false, 0, null, null);
    }
}
