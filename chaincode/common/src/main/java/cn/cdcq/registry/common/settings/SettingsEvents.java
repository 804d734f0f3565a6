package cn.cdcq.registry.common.settings;

/** The chaincode events of the settings contract: each name, and the record its payload is. */
public final class SettingsEvents {

    public static final String SETTING_PROPOSED = "SettingProposed";
    public static final String SETTING_ACCEPTED = "SettingAccepted";
    public static final String SETTING_DECLINED = "SettingDeclined";
    public static final String SETTING_WITHDRAWN = "SettingWithdrawn";
    public static final String WAGE_ARREARS_THRESHOLD_SET = "WageArrearsThresholdSet";

    private SettingsEvents() {
    }

    /** Every proposal event: the proposal as it stands after the transaction. */
    public record SettingChange(String proposalId, String subject, String proposingRegion, String status) {

        public static SettingChange of(SettingProposal p) {
            return new SettingChange(p.id(), p.subject(), p.proposingRegion(), p.status());
        }
    }

    /** {@value #WAGE_ARREARS_THRESHOLD_SET}. */
    public record WageArrearsThresholdSet(String regionCode, long amountFen, int revision) {
    }
}
