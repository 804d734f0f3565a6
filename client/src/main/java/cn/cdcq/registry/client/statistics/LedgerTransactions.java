package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.fabric.BlockReader;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import org.hyperledger.fabric.protos.common.Block;

import java.util.List;

/**
 * The registry's transactions as the region's own peer holds them ({@link BlockReader}): the
 * chain's height, a block's valid transactions, or one transaction by id, each with its chaincode
 * event and the world-state writes it made in the registry's namespace. The statistics read the
 * records an event names (the certificates of a batch, a claim's holder pseudonym) from these
 * writes, which is what the ledger committed; nothing else is read. A peer that does not answer is
 * an {@link IllegalStateException}: the rebuild stops there and says so.
 */
final class LedgerTransactions {

    /** A valid transaction of the registry: its event (name null when it set none) and writes in its namespace. */
    record Tx(long blockNumber, String txId, String eventName, byte[] payload, List<BlockReader.Write> writes) {
    }

    private final BlockReader reader;
    private final String chaincode;

    LedgerTransactions(RegistryGateway gateway, String channel, String chaincode) {
        this.reader = new BlockReader(gateway, channel);
        this.chaincode = chaincode;
    }

    long height() {
        try {
            return reader.height();
        } catch (BlockReader.PeerUnavailable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    List<Tx> block(long number) {
        try {
            return transactionsOf(reader.block(number), chaincode);
        } catch (BlockReader.PeerUnavailable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One transaction by id, if valid and the registry's. */
    Tx transaction(String txId, long blockNumber) {
        try {
            BlockReader.Tx tx = reader.transaction(txId, blockNumber, chaincode);
            return tx == null || !tx.invoked() ? null : of(tx);
        } catch (BlockReader.PeerUnavailable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The registry's transactions of a block: those that called the registry's chaincode. */
    static List<Tx> transactionsOf(Block block, String namespace) {
        return BlockReader.transactions(block, namespace).stream().filter(BlockReader.Tx::invoked)
                .map(LedgerTransactions::of).toList();
    }

    private static Tx of(BlockReader.Tx tx) {
        return new Tx(tx.blockNumber(), tx.txId(), tx.eventName(), tx.eventPayload(), tx.writes());
    }
}
