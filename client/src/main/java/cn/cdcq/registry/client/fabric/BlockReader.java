package cn.cdcq.registry.client.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks as the region's own peer holds them, read through the query system chaincode (qscc:
 * GetChainInfo, GetBlockByNumber, GetTransactionByID), and their valid endorser transactions taken
 * apart into what the registry needs: the chaincode event and the world-state writes of one
 * namespace. The one reader of blocks in the service: the statistics (which count what the
 * events name) and the anchoring (which hashes every write) each keep what they need from it and
 * turn a peer that does not answer into an error of their own.
 */
public final class BlockReader {

    private static final String QSCC = "qscc";

    /** One world-state write: the key and the value written (null for a delete). */
    public record Write(String key, byte[] value) {

        /** The object type of a composite key ({@code \u0000type\u0000attr...}), or the key itself. */
        public String objectType() {
            if (!key.isEmpty() && key.charAt(0) == '\u0000') {
                int end = key.indexOf('\u0000', 1);
                return end < 0 ? key.substring(1) : key.substring(1, end);
            }
            return key;
        }
    }

    /**
     * A valid endorser transaction of a block.
     *
     * @param invoked      whether one of its actions called the namespace (not only wrote into it)
     * @param eventName    the namespace's chaincode event, or null when it set none
     * @param eventPayload that event's payload, or null
     * @param writes       its writes in the namespace, in order
     */
    public record Tx(long blockNumber, String txId, boolean invoked, String eventName, byte[] eventPayload,
                     List<Write> writes) {
    }

    /** The peer did not answer a query, or answered what does not parse; the message says which. */
    public static final class PeerUnavailable extends RuntimeException {
        PeerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RegistryGateway gateway;
    private final String channel;

    public BlockReader(RegistryGateway gateway, String channel) {
        this.gateway = gateway;
        this.channel = channel;
    }

    /** The number of blocks on the peer (the last one is height - 1). */
    public long height() {
        byte[] info = query("GetChainInfo", channel);
        try {
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (InvalidProtocolBufferException e) {
            throw new PeerUnavailable("the peer's chain info does not parse: " + e.getMessage(), e);
        }
    }

    /** Block {@code number}. */
    public Block block(long number) {
        byte[] bytes = query("GetBlockByNumber", channel, Long.toString(number));
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PeerUnavailable("block " + number + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Transaction {@code txId} of {@code blockNumber} if it is valid and an endorser transaction, else null. */
    public Tx transaction(String txId, long blockNumber, String namespace) {
        byte[] bytes = query("GetTransactionByID", channel, txId);
        ProcessedTransaction pt;
        try {
            pt = ProcessedTransaction.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new PeerUnavailable("transaction " + txId + " does not parse: " + e.getMessage(), e);
        }
        if (pt.getValidationCode() != TxValidationCode.VALID_VALUE) {
            return null;
        }
        try {
            return transactionOf(pt.getTransactionEnvelope(), blockNumber, namespace);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transaction " + txId + " does not parse as a Fabric transaction: "
                    + e.getMessage(), e);
        }
    }

    private byte[] query(String function, String... args) {
        try {
            return gateway.network().getContract(QSCC).evaluateTransaction(function, args);
        } catch (GatewayException e) {
            throw new PeerUnavailable("the region's peer did not answer " + function + ": " + e.getMessage(), e);
        }
    }

    /**
     * The valid endorser transactions of {@code block}, in order, with their event and writes of
     * {@code namespace} (a transaction of another chaincode is listed with no event and no writes
     * of it, and {@code invoked} false).
     */
    public static List<Tx> transactions(Block block, String namespace) {
        long number = block.getHeader().getNumber();
        byte[] flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()
                : new byte[0];
        List<Tx> out = new ArrayList<>();
        try {
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                if (i >= flags.length || flags[i] != TxValidationCode.VALID_VALUE) {
                    continue;
                }
                Tx tx = transactionOf(Envelope.parseFrom(block.getData().getData(i)), number, namespace);
                if (tx != null) {
                    out.add(tx);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + number + " does not parse as a Fabric block: " + e.getMessage(), e);
        }
        return out;
    }

    private static Tx transactionOf(Envelope envelope, long blockNumber, String namespace) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return null;
        }
        Transaction tx = Transaction.parseFrom(payload.getData());
        String eventName = null;
        byte[] eventPayload = null;
        List<Write> writes = new ArrayList<>();
        boolean invoked = false;
        for (TransactionAction action : tx.getActionsList()) {
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
            ChaincodeAction ca = ChaincodeAction.parseFrom(prp.getExtension());
            if (!ca.getEvents().isEmpty()) {
                ChaincodeEvent event = ChaincodeEvent.parseFrom(ca.getEvents());
                if (event.getChaincodeId().equals(namespace) && !event.getEventName().isEmpty()) {
                    eventName = event.getEventName();
                    eventPayload = event.getPayload().toByteArray();
                }
            }
            invoked |= ca.getChaincodeId().getName().equals(namespace);
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(ca.getResults()).getNsRwsetList()) {
                if (!ns.getNamespace().equals(namespace)) {
                    continue;
                }
                for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    writes.add(new Write(w.getKey(), w.getIsDelete() ? null : w.getValue().toByteArray()));
                }
            }
        }
        return new Tx(blockNumber, header.getTxId(), invoked, eventName, eventPayload, writes);
    }
}
