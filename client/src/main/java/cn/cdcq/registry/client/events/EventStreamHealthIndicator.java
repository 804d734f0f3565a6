package cn.cdcq.registry.client.events;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the event stream: DOWN once the chaincode event listener has stopped for good
 * while the service runs ({@link ChaincodeEventListener#stoppedBy}); a stream that broke and is
 * reconnecting is UP (the listener retries by itself). The detail names the last block followed.
 */
@Component("events")
public class EventStreamHealthIndicator extends AbstractHealthIndicator {

    private final ChaincodeEventListener listener;

    public EventStreamHealthIndicator(ChaincodeEventListener listener) {
        super("event stream health check failed");
        this.listener = listener;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        listener.checkpointBlock().ifPresent(b -> builder.withDetail("checkpointBlock", b));
        listener.stoppedBy().ifPresentOrElse(
                t -> builder.down().withDetail("error", "the event listener stopped: " + t.getClass().getSimpleName()
                        + "; restart the service"),
                builder::up);
    }
}
