package cn.cdcq.registry.client.fabric;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static cn.cdcq.registry.client.fabric.TestBlocks.block;
import static cn.cdcq.registry.client.fabric.TestBlocks.transaction;
import static cn.cdcq.registry.client.fabric.TestBlocks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A block's valid endorser transactions taken apart: event, writes of the namespace, whether it called it. */
class BlockReaderTest {

    static final byte VALID = (byte) TxValidationCode.VALID_VALUE;

    @Test
    void validEndorserTransactionsOnlyWithTheNamespacesEventAndWritesInOrder() {
        Block b = block(9, List.of(
                transaction("tx-a", "registry", "CertificateIssued", "registry", write("\u0000cert\u0000S1\u0000", "{}"),
                        write("\u0000old\u0000", null)),
                transaction("tx-b", "registry", "CertificateIssued", "registry", write("k", "v")),
                TestBlocks.envelope(HeaderType.CONFIG_VALUE, "config", ByteString.copyFromUtf8("not a transaction")),
                transaction("tx-c", "helper", "HelperEvent", "registry", write("\u0000cross\u0000", "1")),
                transaction("tx-d", "other", null, "other", write("k", "v"))),
                new byte[] {VALID, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE, VALID, VALID, VALID});
        List<BlockReader.Tx> txs = BlockReader.transactions(b, "registry");
        assertThat(txs).extracting(BlockReader.Tx::txId).containsExactly("tx-a", "tx-c", "tx-d");
        BlockReader.Tx a = txs.get(0);
        assertThat(a.blockNumber()).isEqualTo(9);
        assertThat(a.invoked()).isTrue();
        assertThat(a.eventName()).isEqualTo("CertificateIssued");
        assertThat(new String(a.eventPayload(), StandardCharsets.UTF_8)).contains("CertificateIssued");
        assertThat(a.writes()).extracting(BlockReader.Write::key).containsExactly("\u0000cert\u0000S1\u0000", "\u0000old\u0000");
        assertThat(a.writes().get(1).value()).as("a delete").isNull();
        assertThat(a.writes().get(0).objectType()).isEqualTo("cert");
        // another chaincode's call that wrote into the namespace: its writes, not its event, and not invoked
        BlockReader.Tx c = txs.get(1);
        assertThat(c.invoked()).isFalse();
        assertThat(c.eventName()).isNull();
        assertThat(c.writes()).extracting(BlockReader.Write::key).containsExactly("\u0000cross\u0000");
        assertThat(txs.get(2).writes()).isEmpty();
        assertThat(txs.get(2).invoked()).isFalse();
    }

    @Test
    void aBlockWithoutValidationFlagsHasNoValidTransactionAndGarbageIsNamedByBlock() {
        assertThat(BlockReader.transactions(block(3, List.of(transaction("tx", "registry", null, "registry")), new byte[0]),
                "registry")).isEmpty();
        Block garbage = block(4, List.of(ByteString.copyFrom(new byte[] {1, 2, 3})), new byte[] {VALID});
        assertThatThrownBy(() -> BlockReader.transactions(garbage, "registry")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("block 4 does not parse as a Fabric block");
    }

    @Test
    void aKeyThatIsNotCompositeIsItsOwnObjectType() {
        assertThat(new BlockReader.Write("plain", null).objectType()).isEqualTo("plain");
        assertThat(new BlockReader.Write("\u0000solo", null).objectType()).isEqualTo("solo");
    }
}
