package cn.cdcq.registry.client.anchor;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where checkpoints are anchored (docs/anchoring.md): the EVM chain's JSON-RPC URL and id, the
 * anchoring contract, how many blocks deep an anchor must be to count as confirmed, and the file
 * of the service's EVM account key (encrypted with the service's master secret, created on first
 * start). Off unless {@code enabled}; scripts/test.sh points it at its local node.
 * {@code checkpoints} sets when this service makes checkpoints by itself ({@link CheckpointScheduler}).
 */
@ConfigurationProperties("registry.anchor")
public record AnchorProperties(boolean enabled, String rpcUrl, Long chainId, String contractAddress,
                               Integer confirmations, Path keyFile, Integer timeoutSeconds, CheckpointSchedule checkpoints) {

    /** The schedule the service starts with: the configured one, or nothing automatic. */
    public CheckpointSchedule checkpointsOrDefault() {
        return checkpoints == null ? CheckpointSchedule.OFF : checkpoints;
    }

    public int confirmationsOrDefault() {
        return confirmations == null ? 2 : confirmations;
    }

    public int timeoutOrDefault() {
        return timeoutSeconds == null ? 120 : timeoutSeconds;
    }
}
