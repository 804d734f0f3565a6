package cn.cdcq.registry.client.fabric;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

import java.util.List;

/** Fabric blocks built in tests, shaped as a peer gives them through qscc GetBlockByNumber. */
public final class TestBlocks {

    private TestBlocks() {
    }

    /** A write, or a delete when {@code value} is null. */
    public static KVWrite write(String key, String value) {
        return value == null ? KVWrite.newBuilder().setKey(key).setIsDelete(true).build()
                : KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    /**
     * An endorser transaction whose one action called {@code invoked} (empty: no chaincode id, as
     * older tests built them), set {@code eventName} (null: none) and wrote {@code writes} into
     * {@code namespace}, next to a lifecycle write of another namespace.
     */
    public static ByteString transaction(String txId, String invoked, String eventName, String namespace, KVWrite... writes) {
        TxReadWriteSet rw = TxReadWriteSet.newBuilder()
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("_lifecycle").setRwset(KVRWSet.newBuilder()
                        .addWrites(write("namespaces/fields/registry/Sequence", "1")).build().toByteString()))
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(KVRWSet.newBuilder()
                        .addAllWrites(List.of(writes)).build().toByteString()))
                .build();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder().setResults(rw.toByteString());
        if (!invoked.isEmpty()) {
            action.setChaincodeId(ChaincodeID.newBuilder().setName(invoked));
        }
        if (eventName != null) {
            action.setEvents(ChaincodeEvent.newBuilder().setChaincodeId(invoked).setTxId(txId).setEventName(eventName)
                    .setPayload(ByteString.copyFromUtf8("{\"event\":\"" + eventName + "\"}")).build().toByteString());
        }
        ProposalResponsePayload prp = ProposalResponsePayload.newBuilder().setExtension(action.build().toByteString()).build();
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(prp.toByteString())).build();
        Transaction tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder().setPayload(cap.toByteString()))
                .build();
        return envelope(HeaderType.ENDORSER_TRANSACTION_VALUE, txId, tx.toByteString());
    }

    /** A transaction of no chaincode (e.g. {@link HeaderType#CONFIG}), with {@code data} as its payload's data. */
    public static ByteString envelope(int headerType, String txId, ByteString data) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(headerType).setTxId(txId).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()))
                .setData(data).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    /** Block {@code number} of {@code txs}, with {@code flags} as its transaction validation codes. */
    public static Block block(long number, List<ByteString> txs, byte[] flags) {
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            metadata.addMetadata(i == 2 ? ByteString.copyFrom(flags) : ByteString.EMPTY);
        }
        return Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(number))
                .setData(BlockData.newBuilder().addAllData(txs)).setMetadata(metadata).build();
    }
}
