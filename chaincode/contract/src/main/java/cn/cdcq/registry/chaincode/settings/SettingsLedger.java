package cn.cdcq.registry.chaincode.settings;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.settings.SettingProposal;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Setting proposals and the regions' wage-arrears thresholds in world state. */
public final class SettingsLedger {

    static final String PROPOSAL = "settings.proposal";        // id
    static final String THRESHOLD = "settings.threshold";      // region, revision (6 digits): every revision

    private final Ledger ledger;

    public SettingsLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    public Optional<SettingProposal> proposal(String id) {
        return ledger.get(ledger.key(PROPOSAL, id), SettingProposal.class);
    }

    public SettingProposal requireProposal(String id) {
        return proposal(id).orElseThrow(() -> RegistryException.notFound("no setting proposal " + id
                + "; list them with settings:listProposals"));
    }

    public void put(SettingProposal p) {
        ledger.put(ledger.key(PROPOSAL, p.id()), p);
    }

    public List<SettingProposal> proposals() {
        return ledger.list(SettingProposal.class, PROPOSAL).stream()
                .sorted(Comparator.comparing(SettingProposal::proposedAt).thenComparing(SettingProposal::id)).toList();
    }

    /** Every revision of the region's threshold, oldest first. */
    public List<WageArrearsThreshold> thresholds(String region) {
        return ledger.list(WageArrearsThreshold.class, THRESHOLD, region);
    }

    /** The region's threshold in force: its latest revision. */
    public Optional<WageArrearsThreshold> threshold(String region) {
        List<WageArrearsThreshold> all = thresholds(region);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public void put(WageArrearsThreshold t) {
        ledger.put(ledger.key(THRESHOLD, t.regionCode(), String.format("%06d", t.revision())), t);
    }
}
