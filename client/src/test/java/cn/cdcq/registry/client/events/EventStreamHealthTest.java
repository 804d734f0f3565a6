package cn.cdcq.registry.client.events;

import cn.cdcq.registry.client.config.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A listener whose loop an Error ended makes readiness DOWN; a listener that runs on is UP. */
class EventStreamHealthTest {

    @TempDir
    Path dir;

    private ChaincodeEventListener listener() {
        ServiceProperties properties = new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), null, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
        // No gateway: follow() is given the loop to run, the peer is never asked.
        return new ChaincodeEventListener(null, properties, new Inbox(properties), null);
    }

    @Test
    void anErrorThatEndsTheLoopIsKeptAndMakesTheStreamDown() {
        ChaincodeEventListener listener = listener();
        EventStreamHealthIndicator health = new EventStreamHealthIndicator(listener);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        listener.follow(() -> {
            throw new StackOverflowError("a payload nested too deep");
        });

        assertThat(listener.stoppedBy()).containsInstanceOf(StackOverflowError.class);
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(down.getDetails().get("error"))).contains("StackOverflowError").contains("restart");
    }

    @Test
    void aLoopThatReturnsLeavesTheStreamUp() {
        ChaincodeEventListener listener = listener();
        listener.follow(() -> { });
        assertThat(listener.stoppedBy()).isEmpty();
        assertThat(new EventStreamHealthIndicator(listener).health().getStatus()).isEqualTo(Status.UP);
    }
}
