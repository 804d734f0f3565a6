package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.fabric.BlockReader;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.anchor.AnchorLeaf;
import org.hyperledger.fabric.protos.common.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes a block range committed, read from the region's own peer ({@link BlockReader}): every
 * valid endorser transaction's public writes in the registry's namespace, in ledger order, as
 * {@link AnchorLeaf}s. Both regions read the same blocks from their own peers, so they rebuild the
 * same leaves. A peer that does not answer is an {@link AnchorRefusal} {@code PEER_UNAVAILABLE}.
 */
final class LedgerBlocks {

    private final BlockReader reader;
    private final String chaincode;

    LedgerBlocks(RegistryGateway gateway, String channel, String chaincode) {
        this.reader = new BlockReader(gateway, channel);
        this.chaincode = chaincode;
    }

    /** The number of blocks on the peer (the last one is height - 1). */
    long height() {
        try {
            return reader.height();
        } catch (BlockReader.PeerUnavailable e) {
            throw new AnchorRefusal("PEER_UNAVAILABLE", "cannot read the chain height from the region's peer: "
                    + e.getMessage(), e);
        }
    }

    List<AnchorLeaf> leaves(long fromBlock, long toBlock) {
        List<AnchorLeaf> out = new ArrayList<>();
        for (long n = fromBlock; n <= toBlock; n++) {
            Block block;
            try {
                block = reader.block(n);
            } catch (BlockReader.PeerUnavailable e) {
                throw new AnchorRefusal("PEER_UNAVAILABLE", "cannot read block " + n + " from the region's peer: "
                        + e.getMessage(), e);
            }
            out.addAll(leavesOf(block, chaincode));
        }
        return out;
    }

    /**
     * The leaves of one block: valid endorser transactions only, writes of {@code namespace} only
     * (also those a transaction of another chaincode made in it by a chaincode-to-chaincode call).
     */
    static List<AnchorLeaf> leavesOf(Block block, String namespace) {
        List<AnchorLeaf> out = new ArrayList<>();
        for (BlockReader.Tx tx : BlockReader.transactions(block, namespace)) {
            for (BlockReader.Write w : tx.writes()) {
                out.add(AnchorLeaf.write(tx.blockNumber(), tx.txId(), w.key(), w.value()));
            }
        }
        return out;
    }
}
