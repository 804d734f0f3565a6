package cn.cdcq.registry.client.web.verify;

import cn.cdcq.registry.client.anchor.AnchorProof;
import cn.cdcq.registry.client.anchor.AnchorVerification;

import java.util.List;

/**
 * The verification page's public-anchor step: whether the certificate's latest write is in a
 * checkpoint both regions signed and that is anchored on the public chain, checked there.
 *
 * @param state      ANCHORED (every step passed), CHANGED_SINCE (the proof holds, and a later
 *                   committed transaction changed the record: covered by a later checkpoint),
 *                   FAILED (a step failed, e.g. the record on this peer differs from its last
 *                   committed write: the state was altered outside the ledger), NOT_YET (in no anchored checkpoint yet)
 *                   or UNREACHABLE (the ledger's checkpoints or the chain could not be read)
 * @param failed     the names of the failed steps, with what each found
 */
public record AnchorView(String state, Long checkpointNumber, Long chainId, String txHash, Long evmBlock,
                         List<AnchorVerification.Step> failed, String detail) {

    static final String RECORD_CURRENT = "record-current";

    static AnchorView of(AnchorProof proof, AnchorVerification v) {
        List<AnchorVerification.Step> failed = v.steps().stream()
                .filter(s -> s.outcome() == AnchorVerification.Outcome.FAIL).toList();
        boolean superseded = v.steps().stream().anyMatch(s -> s.name().equals(RECORD_CURRENT)
                && s.outcome() == AnchorVerification.Outcome.NOT_APPLICABLE);
        String state = !failed.isEmpty() ? "FAILED" : superseded ? "CHANGED_SINCE" : "ANCHORED";
        return new AnchorView(state, v.checkpointNumber(), proof.checkpoint().anchor().chainId(), v.txHash(), v.evmBlock(),
                failed, null);
    }

    static AnchorView none(String state, String detail) {
        return new AnchorView(state, null, null, null, null, List.of(), detail);
    }
}
