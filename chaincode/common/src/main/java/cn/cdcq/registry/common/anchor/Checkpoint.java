package cn.cdcq.registry.common.anchor;

/**
 * A checkpoint on the ledger: the statement, its hash, both regions' signatures once
 * countersigned, the other region's refusal if it did not recompute the same root, and the state
 * of its anchor on the public chain. A checkpoint is in force ({@link Status#SIGNED}) only with
 * both signatures, each verified by the chaincode under the signing region's attestation
 * certificate; only then may it be anchored.
 */
public record Checkpoint(CheckpointStatement statement, String hash, Status status, RegionSignature proposerSignature,
                         RegionSignature counterSignature, Refusal refusal, Anchor anchor) {

    /** PROPOSED (one signature), SIGNED (both: in force), REFUSED (the other region's recomputation disagreed). */
    public enum Status { PROPOSED, SIGNED, REFUSED }

    /** PENDING (sent, not yet confirmed), CONFIRMED (N blocks deep), FAILED (with the reason; may be retried). */
    public enum AnchorStatus { PENDING, CONFIRMED, FAILED }

    /** One region's attestation signature (DER, hex) over the statement's canonical JSON. */
    public record RegionSignature(String regionCode, int attestationSequence, String signatureHex, String account,
                                  String signedAt) {
    }

    /** Why the countersigning region refused: a code ({@link #ROOT_MISMATCH}, ...) and what it found. */
    public record Refusal(String regionCode, String reasonCode, String detail, String refusedAt) {

        /** The region's own peer gives another root or count for the same blocks. */
        public static final String ROOT_MISMATCH = "ROOT_MISMATCH";
        /** The blocks are not (yet) on the region's own peer. */
        public static final String BLOCKS_MISSING = "BLOCKS_MISSING";
    }

    /**
     * The checkpoint's anchor: the chain, the contract, the transaction (its hash is known before
     * it is sent, so a restart finds it again and never sends a second one), the block it was
     * mined in and how many blocks deep it was when last checked.
     */
    public record Anchor(AnchorStatus status, long chainId, String contractAddress, String fromAddress, String txHash,
                         Long blockNumber, int confirmations, int attempts, String detail, String updatedAt) {
    }

    public Checkpoint withAnchor(Anchor a) {
        return new Checkpoint(statement, hash, status, proposerSignature, counterSignature, refusal, a);
    }
}
