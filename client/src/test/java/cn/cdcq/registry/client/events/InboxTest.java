package cn.cdcq.registry.client.events;

import cn.cdcq.registry.client.config.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class InboxTest {

    @TempDir
    Path dir;

    ServiceProperties chongqing() {
        return new ServiceProperties("chongqing", "CQ", "ChongqingMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chongqing", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chongqing", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), null, new ServiceProperties.Admin("cq-admin", Path.of("pw")), null);
    }

    static byte[] proposal(String msp) {
        return ("{\"kind\":\"ROTATE\",\"mspId\":\"" + msp + "\",\"proposalId\":\"p1\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEventDeliveredAgainIsNotAddedTwiceEvenAfterAReopen() throws Exception {
        Inbox inbox = new Inbox(chongqing());
        assertThat(inbox.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"))).isTrue();
        assertThat(inbox.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"))).isFalse();
        inbox.destroy();

        Inbox reopened = new Inbox(chongqing());
        assertThat(reopened.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"))).isFalse();
        assertThat(reopened.accept("RegionChangeWithdrawn", "tx2", 6, proposal("ChengduMSP"))).isTrue();
        assertThat(reopened.items(i -> true)).extracting(InboxItem::sequence, InboxItem::txId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "tx1"), org.assertj.core.groups.Tuple.tuple(2L, "tx2"));
        reopened.destroy();
    }

    @Test
    void theOtherRegionsProposalNeedsActionOursAndInformationDoNot() throws Exception {
        Inbox inbox = new Inbox(chongqing());
        inbox.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"));
        inbox.accept("RegionChangeProposed", "tx2", 6, proposal("ChongqingMSP"));
        inbox.accept("RegionRegistered", "tx3", 7, proposal("ChengduMSP"));
        inbox.accept("SomethingNew", "tx4", 8, "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(inbox.items(InboxItem::needsAction)).extracting(InboxItem::txId).containsExactly("tx1");
        assertThat(inbox.items(i -> i.txId().equals("tx1")).get(0).payload()).contains("\"mspId\":\"ChengduMSP\"");
        assertThat(inbox.items(i -> i.txId().equals("tx4")).get(0).payload()).isEqualTo("\"not json\"");
        inbox.destroy();
    }

    @Test
    void aLineTornByACrashIsIgnoredSoItsEventIsTakenWhenDeliveredAgain() throws Exception {
        Inbox inbox = new Inbox(chongqing());
        inbox.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"));
        inbox.destroy();
        Files.writeString(dir.resolve("inbox.jsonl"), "{\"blockNumber\":6,\"eventN", StandardOpenOption.APPEND);
        Inbox reopened = new Inbox(chongqing());
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.accept("RegionChangeWithdrawn", "tx2", 6, proposal("ChengduMSP"))).isTrue();
        reopened.destroy();
    }

    @Test
    void anEventTakenAfterATornLineIsStillThereAfterTheNextRestart() throws Exception {
        Inbox inbox = new Inbox(chongqing());
        inbox.accept("RegionChangeProposed", "tx1", 5, proposal("ChengduMSP"));
        inbox.destroy();
        Files.writeString(dir.resolve("inbox.jsonl"), "{\"blockNumber\":6,\"eventN", StandardOpenOption.APPEND);
        Inbox reopened = new Inbox(chongqing());
        assertThat(reopened.accept("RegionChangeWithdrawn", "tx2", 6, proposal("ChengduMSP"))).isTrue();
        reopened.destroy();

        Inbox again = new Inbox(chongqing());
        assertThat(again.items(i -> true)).extracting(InboxItem::txId).containsExactly("tx1", "tx2");
        assertThat(again.accept("RegionChangeWithdrawn", "tx2", 6, proposal("ChengduMSP"))).as("not taken twice").isFalse();
        again.destroy();
    }
}
