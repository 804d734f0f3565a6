package cn.cdcq.registry.client.anchor;

import java.util.List;

/**
 * What checking an {@link AnchorProof} found, step by step (as the certificate verification
 * reports): each step PASS, FAIL or NOT_APPLICABLE with the reason; valid when none failed.
 */
public record AnchorVerification(boolean valid, long checkpointNumber, String checkpointHash, String txHash,
                                 Long evmBlock, List<Step> steps) {

    public enum Outcome { PASS, FAIL, NOT_APPLICABLE }

    /** {@code name} one of merkle-path, checkpoint-hash, signatures, anchor-on-chain, anchor-confirmed, record-current. */
    public record Step(String name, Outcome outcome, String detail) {
    }
}
