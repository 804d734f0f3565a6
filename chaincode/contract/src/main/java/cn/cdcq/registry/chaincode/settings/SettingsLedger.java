package cn.cdcq.registry.chaincode.settings;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.settings.SettingProposal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Setting proposals in world state (the values in force live with the features that read them). */
public final class SettingsLedger {

    static final String PROPOSAL = "settings.proposal";        // id

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
}
