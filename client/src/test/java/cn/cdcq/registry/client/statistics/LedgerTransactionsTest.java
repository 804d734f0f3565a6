package cn.cdcq.registry.client.statistics;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.cdcq.registry.client.fabric.TestBlocks.block;
import static cn.cdcq.registry.client.fabric.TestBlocks.transaction;
import static cn.cdcq.registry.client.fabric.TestBlocks.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The statistics count the transactions that called the registry, with its event and writes. */
class LedgerTransactionsTest {

    @Test
    void onlyTheRegistrysOwnCallsAreCounted() {
        byte valid = (byte) TxValidationCode.VALID_VALUE;
        Block b = block(5, List.of(
                transaction("ours", "registry", "CertificateIssued", "registry", write("\u0000cert\u0000S1\u0000", "{}")),
                transaction("cross", "helper", null, "registry", write("\u0000cert\u0000S2\u0000", "{}")),
                transaction("theirs", "other", "OtherEvent", "other", write("k", "v"))),
                new byte[] {valid, valid, valid});
        List<LedgerTransactions.Tx> txs = LedgerTransactions.transactionsOf(b, "registry");
        assertThat(txs).extracting(LedgerTransactions.Tx::txId).containsExactly("ours");
        assertThat(txs.get(0).eventName()).isEqualTo("CertificateIssued");
        assertThat(txs.get(0).blockNumber()).isEqualTo(5);
        assertThat(txs.get(0).writes()).singleElement().satisfies(w -> assertThat(w.objectType()).isEqualTo("cert"));
    }
}
