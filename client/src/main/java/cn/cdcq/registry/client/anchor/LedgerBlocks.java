package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.anchor.AnchorLeaf;
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
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes a block range committed, read from the region's own peer (the query system
 * chaincode's GetBlockByNumber): every valid endorser transaction's public writes in the
 * registry's namespace, in ledger order, as {@link AnchorLeaf}s. Both regions read the same
 * blocks from their own peers, so they rebuild the same leaves.
 */
final class LedgerBlocks {

    private static final String QSCC = "qscc";

    private final RegistryGateway gateway;
    private final String channel;
    private final String chaincode;

    LedgerBlocks(RegistryGateway gateway, String channel, String chaincode) {
        this.gateway = gateway;
        this.channel = channel;
        this.chaincode = chaincode;
    }

    /** The number of blocks on the peer (the last one is height - 1). */
    long height() {
        try {
            byte[] info = gateway.network().getContract(QSCC).evaluateTransaction("GetChainInfo", channel);
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (GatewayException | InvalidProtocolBufferException e) {
            throw new AnchorRefusal("PEER_UNAVAILABLE", "cannot read the chain height from the region's peer: "
                    + e.getMessage(), e);
        }
    }

    List<AnchorLeaf> leaves(long fromBlock, long toBlock) {
        List<AnchorLeaf> out = new ArrayList<>();
        for (long n = fromBlock; n <= toBlock; n++) {
            out.addAll(leavesOf(block(n), chaincode));
        }
        return out;
    }

    private Block block(long number) {
        try {
            byte[] bytes = gateway.network().getContract(QSCC).evaluateTransaction("GetBlockByNumber", channel,
                    Long.toString(number));
            return Block.parseFrom(bytes);
        } catch (GatewayException | InvalidProtocolBufferException e) {
            throw new AnchorRefusal("PEER_UNAVAILABLE", "cannot read block " + number + " from the region's peer: "
                    + e.getMessage(), e);
        }
    }

    /** The leaves of one block: valid endorser transactions only, writes of {@code namespace} only. */
    static List<AnchorLeaf> leavesOf(Block block, String namespace) {
        long number = block.getHeader().getNumber();
        byte[] flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()
                : new byte[0];
        List<AnchorLeaf> out = new ArrayList<>();
        try {
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                if (i >= flags.length || flags[i] != TxValidationCode.VALID_VALUE) {
                    continue;
                }
                Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
                ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    continue;
                }
                Transaction tx = Transaction.parseFrom(payload.getData());
                for (TransactionAction action : tx.getActionsList()) {
                    ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(action.getPayload());
                    ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(
                            cap.getAction().getProposalResponsePayload());
                    ChaincodeAction ca = ChaincodeAction.parseFrom(prp.getExtension());
                    TxReadWriteSet rw = TxReadWriteSet.parseFrom(ca.getResults());
                    for (NsReadWriteSet ns : rw.getNsRwsetList()) {
                        if (!ns.getNamespace().equals(namespace)) {
                            continue;
                        }
                        for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                            out.add(AnchorLeaf.write(number, header.getTxId(), w.getKey(),
                                    w.getIsDelete() ? null : w.getValue().toByteArray()));
                        }
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + number + " does not parse as a Fabric block: " + e.getMessage(), e);
        }
        return out;
    }
}
