package cn.cdcq.registry.client.fabric;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the service waits for each step of a ledger call before it answers 503 BUSY
 * ({@code registry.gateway.*}, in seconds): an evaluate, the endorsement of a submit, handing it
 * to the orderers, and its commit status; and after how long without a commit the same signed
 * transaction is handed to the orderers again ({@code resubmit-seconds}, within the commit-status
 * wait: a Raft leader lost with the transaction still in its unfinished block leaves nothing to
 * wait for; {@link RegistryGateway#awaitCommit}). A left-out value keeps its default (5, 15, 5,
 * 60, 15). A region on slow or shared hardware raises them; each is 1 to 600, and a
 * resubmit-seconds not below the commit-status wait means never.
 */
@ConfigurationProperties("registry.gateway")
public record GatewayDeadlines(Integer evaluateSeconds, Integer endorseSeconds, Integer submitSeconds,
                               Integer commitStatusSeconds, Integer resubmitSeconds) {

    public static final GatewayDeadlines DEFAULTS = new GatewayDeadlines(null, null, null, null, null);

    public GatewayDeadlines {
        evaluateSeconds = checked("evaluate-seconds", evaluateSeconds, 5);
        endorseSeconds = checked("endorse-seconds", endorseSeconds, 15);
        submitSeconds = checked("submit-seconds", submitSeconds, 5);
        commitStatusSeconds = checked("commit-status-seconds", commitStatusSeconds, 60);
        resubmitSeconds = checked("resubmit-seconds", resubmitSeconds, 15);
    }

    private static int checked(String name, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > 600) {
            throw new IllegalArgumentException("registry.gateway." + name + " is " + v + "; it must be 1 to 600 seconds");
        }
        return v;
    }
}
