package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.common.anchor.AnchorLeaf;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.merkle.MerkleTree;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static cn.cdcq.registry.client.fabric.TestBlocks.block;
import static cn.cdcq.registry.client.fabric.TestBlocks.transaction;
import static cn.cdcq.registry.client.fabric.TestBlocks.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The leaves a block gives, the checkpoint's Merkle tree over them and the inclusion proofs. */
class AnchorLeavesTest {

    private static final String CERT = AnchorLeaf.certificateKey("S000051000000126500001");

    @Test
    void aBlockGivesTheRegistrysWritesOfItsValidTransactionsInLedgerOrder() {
        Block b = block(7, List.of(
                transaction("tx-a", "", null, "registry", write(CERT, "{\"status\":\"VALID\"}"), write("\u0000x\u0000", null)),
                transaction("tx-b", "", null, "registry", write(CERT, "{\"status\":\"FORGED\"}")),
                transaction("tx-c", "", null, "other", write("k", "v")),
                transaction("tx-d", "", null, "registry", write("\u0000y\u0000", "2"))),
                new byte[] {(byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE,
                        (byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.VALID_VALUE});
        List<AnchorLeaf> leaves = LedgerBlocks.leavesOf(b, "registry");
        assertThat(leaves).containsExactly(
                new AnchorLeaf(7, "tx-a", CERT, Hashes.sha256Hex("{\"status\":\"VALID\"}".getBytes(StandardCharsets.UTF_8))),
                new AnchorLeaf(7, "tx-a", "\u0000x\u0000", null),
                new AnchorLeaf(7, "tx-d", "\u0000y\u0000", Hashes.sha256Hex("2".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void everyLeafsPathLeadsToTheRootAndAnAlteredLeafOrPathDoesNot() {
        List<AnchorLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            leaves.add(AnchorLeaf.write(i / 3, "tx-" + i, AnchorLeaf.certificateKey("S0000510000001265" + String.format("%05d", i)),
                    ("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        MerkleTree tree = MerkleTree.of(AnchorLeaf.data(leaves));
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(MerkleTree.verify(leaves.get(i).leafData(), tree.proof(i), tree.root())).as("leaf %d", i).isTrue();
        }
        AnchorLeaf l = leaves.get(20);
        List<MerkleTree.ProofStep> path = tree.proof(20);
        AnchorLeaf otherValue = new AnchorLeaf(l.block(), l.txId(), l.key(), Hashes.sha256Hex("forged".getBytes(StandardCharsets.UTF_8)));
        AnchorLeaf otherBlock = new AnchorLeaf(l.block() + 1, l.txId(), l.key(), l.valueSha256());
        assertThat(MerkleTree.verify(otherValue.leafData(), path, tree.root())).isFalse();
        assertThat(MerkleTree.verify(otherBlock.leafData(), path, tree.root())).isFalse();
        assertThat(MerkleTree.verify(l.leafData(), tree.proof(21), tree.root())).isFalse();
        assertThat(path).hasSize(6);
    }

    @Test
    void theCheckpointHashCommitsToTheRootTheRangeAndThePreviousCheckpoint() {
        String root = Hashes.sha256Hex("root".getBytes(StandardCharsets.UTF_8));
        CheckpointStatement s = new CheckpointStatement(1, 0, 10, 5, root, CheckpointStatement.GENESIS, "CD");
        assertThat(s.hash()).isEqualTo(Hashes.sha256Hex(s.bytesToSign()));
        assertThat(new CheckpointStatement(1, 0, 11, 5, root, CheckpointStatement.GENESIS, "CD").hash()).isNotEqualTo(s.hash());
        assertThat(new CheckpointStatement(1, 0, 10, 5, Hashes.sha256Hex(new byte[1]), CheckpointStatement.GENESIS, "CD")
                .hash()).isNotEqualTo(s.hash());
        assertThat(new CheckpointStatement(1, 0, 10, 5, root, root, "CD").hash()).isNotEqualTo(s.hash());
    }
}
