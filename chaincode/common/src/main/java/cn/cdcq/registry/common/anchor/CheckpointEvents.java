package cn.cdcq.registry.common.anchor;

/**
 * The checkpoint contract's chaincode events: each name, and the record its payload is.
 */
public final class CheckpointEvents {

    public static final String CHECKPOINT_PROPOSED = "CheckpointProposed";
    public static final String CHECKPOINT_SIGNED = "CheckpointSigned";
    public static final String CHECKPOINT_REFUSED = "CheckpointRefused";
    public static final String CHECKPOINT_ANCHOR_CHANGED = "CheckpointAnchorChanged";

    private CheckpointEvents() {
    }

    /**
     * Every checkpoint event: the checkpoint's number, the last block it covers, status, hash and,
     * once anchoring, the anchor's state.
     */
    public record CheckpointChanged(long number, long toBlock, Checkpoint.Status status, String checkpointHash, String proposedByRegion,
                                    Checkpoint.AnchorStatus anchorStatus, String anchorTxHash) {

        public static CheckpointChanged of(Checkpoint c) {
            return new CheckpointChanged(c.statement().number(), c.statement().toBlock(), c.status(), c.hash(), c.statement().proposedByRegion(),
                    c.anchor() == null ? null : c.anchor().status(), c.anchor() == null ? null : c.anchor().txHash());
        }
    }
}
