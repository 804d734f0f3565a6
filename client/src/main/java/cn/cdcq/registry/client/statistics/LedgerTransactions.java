package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.fabric.RegistryGateway;
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
 * The registry's transactions as the region's own peer holds them (the query system chaincode):
 * the chain's height, a block's valid transactions, or one transaction by id, each with its
 * chaincode event and the world-state writes it made in the registry's namespace. The statistics
 * read the records an event names (the certificates of a batch, a claim's holder pseudonym) from
 * these writes, which is what the ledger committed; nothing else is read.
 */
final class LedgerTransactions {

    private static final String QSCC = "qscc";

    /** One world-state write: the key and the value written (null for a delete). */
    record Write(String key, byte[] value) {

        /** The object type of a composite key ({@code \u0000type\u0000attr...}), or the key itself. */
        String objectType() {
            if (!key.isEmpty() && key.charAt(0) == '\u0000') {
                int end = key.indexOf('\u0000', 1);
                return end < 0 ? key.substring(1) : key.substring(1, end);
            }
            return key;
        }
    }

    /** A valid transaction of the registry: its event (name null when it set none) and writes. */
    record Tx(long blockNumber, String txId, String eventName, byte[] payload, List<Write> writes) {
    }

    private final RegistryGateway gateway;
    private final String channel;
    private final String chaincode;

    LedgerTransactions(RegistryGateway gateway, String channel, String chaincode) {
        this.gateway = gateway;
        this.channel = channel;
        this.chaincode = chaincode;
    }

    long height() {
        try {
            return BlockchainInfo.parseFrom(query("GetChainInfo", channel)).getHeight();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the peer's chain info does not parse: " + e.getMessage(), e);
        }
    }

    List<Tx> block(long number) {
        try {
            return transactionsOf(Block.parseFrom(query("GetBlockByNumber", channel, Long.toString(number))), chaincode);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + number + " does not parse: " + e.getMessage(), e);
        }
    }

    /** One transaction by id, if valid and the registry's. */
    Tx transaction(String txId, long blockNumber) {
        try {
            ProcessedTransaction pt = ProcessedTransaction.parseFrom(query("GetTransactionByID", channel, txId));
            if (pt.getValidationCode() != TxValidationCode.VALID_VALUE) {
                return null;
            }
            return transactionOf(pt.getTransactionEnvelope(), blockNumber, chaincode);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transaction " + txId + " does not parse: " + e.getMessage(), e);
        }
    }

    private byte[] query(String function, String... args) {
        try {
            return gateway.network().getContract(QSCC).evaluateTransaction(function, args);
        } catch (GatewayException e) {
            throw new IllegalStateException("the region's peer did not answer " + function + ": " + e.getMessage(), e);
        }
    }

    static List<Tx> transactionsOf(Block block, String namespace) throws InvalidProtocolBufferException {
        long number = block.getHeader().getNumber();
        byte[] flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()
                : new byte[0];
        List<Tx> out = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (i >= flags.length || flags[i] != TxValidationCode.VALID_VALUE) {
                continue;
            }
            Tx tx = transactionOf(Envelope.parseFrom(block.getData().getData(i)), number, namespace);
            if (tx != null) {
                out.add(tx);
            }
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
        boolean ours = false;
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
            ours |= ca.getChaincodeId().getName().equals(namespace);
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(ca.getResults()).getNsRwsetList()) {
                if (!ns.getNamespace().equals(namespace)) {
                    continue;
                }
                for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    writes.add(new Write(w.getKey(), w.getIsDelete() ? null : w.getValue().toByteArray()));
                }
            }
        }
        return ours ? new Tx(blockNumber, header.getTxId(), eventName, eventPayload, writes) : null;
    }
}
