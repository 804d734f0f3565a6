package cn.cdcq.registry.common.anchor;

/**
 * The names of the checkpoint contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class CheckpointTransactions {

    public static final String CONTRACT = "checkpoint";

    public static final String PROPOSE_CHECKPOINT = "proposeCheckpoint";
    public static final String COUNTERSIGN_CHECKPOINT = "countersignCheckpoint";
    public static final String REFUSE_CHECKPOINT = "refuseCheckpoint";
    public static final String RECORD_ANCHOR = "recordAnchor";
    public static final String GET_CHECKPOINT = "getCheckpoint";
    public static final String LIST_CHECKPOINTS = "listCheckpoints";

    private CheckpointTransactions() {
    }
}
