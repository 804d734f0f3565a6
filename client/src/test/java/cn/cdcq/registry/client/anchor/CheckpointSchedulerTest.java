package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointEvents;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What the automatic checkpoints count and refuse, without a ledger (AnchorIT runs them on the real network). */
class CheckpointSchedulerTest {

    private static ServiceProperties properties() {
        return new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                Path.of("data"), Path.of("attestation"), Path.of("consortium.pepper"), new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
    }

    private static CheckpointScheduler scheduler(CheckpointSchedule schedule, boolean anchoring) {
        AnchorService anchors = mock(AnchorService.class);
        when(anchors.anchoringConfigured()).thenReturn(anchoring);
        return new CheckpointScheduler(anchors, mock(UserGateways.class), properties(),
                new AnchorProperties(anchoring, null, null, null, null, null, null, schedule));
    }

    private static byte[] proposed(long number, long toBlock, String region) {
        return Json.write(new CheckpointEvents.CheckpointChanged(number, toBlock, Checkpoint.Status.PROPOSED, "ab".repeat(32),
                region, null, null)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsAreCountedByBlockAndAProposalOfEitherRegionCoversTheBlocksUpToItsLast() {
        CheckpointScheduler s = scheduler(new CheckpointSchedule(0, 3, true, false), false);
        s.onEvent("CertificateIssued", "t1", 10, new byte[0]);
        s.onEvent("CertificateIssued", "t2", 11, new byte[0]);
        s.onEvent("RatingRecorded", "t3", 12, new byte[0]);
        assertThat(s.status().get("recordsSinceLastProposal")).isEqualTo(3L);
        // The other region's proposal up to block 11: only block 12's record still counts.
        s.onEvent(CheckpointEvents.CHECKPOINT_PROPOSED, "t4", 13, proposed(4, 11, "CQ"));
        assertThat(s.status().get("recordsSinceLastProposal")).isEqualTo(1L);
        assertThat(s.status().get("lastProposalCoveredBlock")).isEqualTo(11L);
        // The checkpoints' own writes are not records to checkpoint, and a block already covered does not count again.
        s.onEvent(CheckpointEvents.CHECKPOINT_SIGNED, "t5", 14, proposed(4, 11, "CQ"));
        s.onEvent(CheckpointEvents.CHECKPOINT_ANCHOR_CHANGED, "t6", 15, proposed(4, 11, "CQ"));
        s.onEvent("CertificateIssued", "t0", 9, new byte[0]);
        assertThat(s.status().get("recordsSinceLastProposal")).isEqualTo(1L);
        s.onEvent(CheckpointEvents.CHECKPOINT_PROPOSED, "t7", 16, proposed(5, 15, "CD"));
        assertThat(s.status().get("recordsSinceLastProposal")).isEqualTo(0L);
    }

    @Test
    void aScheduleIsCheckedFieldByFieldAndAnchoringUnconfiguredIsRefused() {
        assertThatThrownBy(() -> new CheckpointSchedule(1, 0, false, false)).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.field()).isEqualTo("intervalSeconds"));
        assertThatThrownBy(() -> new CheckpointSchedule(0, -1, false, false)).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.field()).isEqualTo("records"));
        assertThat(new CheckpointSchedule(600, 1000, true, true).proposes()).isTrue();
        assertThat(CheckpointSchedule.OFF.active()).isFalse();

        CheckpointScheduler s = scheduler(null, false);
        assertThat(s.schedule()).isEqualTo(CheckpointSchedule.OFF);
        assertThatThrownBy(() -> s.change(new CheckpointSchedule(0, 0, false, true), "cd-admin"))
                .isInstanceOfSatisfying(AnchorRefusal.class, e -> assertThat(e.code()).isEqualTo(AnchorRefusal.ANCHOR_NOT_CONFIGURED));
        assertThat(s.change(new CheckpointSchedule(60, 0, true, false), "cd-admin").get("setBy").toString()).startsWith("cd-admin at ");
        assertThatThrownBy(() -> scheduler(new CheckpointSchedule(0, 0, false, true), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("anchoring is not configured");
    }
}
