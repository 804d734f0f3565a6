package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.common.anchor.AnchorLeaf;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.merkle.MerkleTree;

import java.util.List;

/**
 * A record's inclusion proof up to a public anchor: the leaf of its latest anchored write (key,
 * block, transaction, SHA-256 of the value), the Merkle path from that leaf to the checkpoint's
 * root, the checkpoint with both regions' signatures and its anchor (chain, contract,
 * transaction, block), and the attestation certificates the signatures verify under, so it can
 * be checked without this service, given only the chain's RPC URL.
 */
public record AnchorProof(AnchorLeaf leaf, int leafIndex, List<MerkleTree.ProofStep> path, Checkpoint checkpoint,
                          List<Signer> signers) {

    public AnchorProof {
        path = List.copyOf(path);
        signers = List.copyOf(signers);
    }

    /** A signing region's attestation certificate (PEM) of the sequence its signature names. */
    public record Signer(String regionCode, int sequence, String certificatePem, String fingerprint) {
    }
}
