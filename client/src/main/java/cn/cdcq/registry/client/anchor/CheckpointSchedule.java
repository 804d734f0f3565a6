package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.ErrorCode;

/**
 * When a regional service makes checkpoints without being asked (docs/anchoring.md,
 * "Automatic checkpoints"), configured under {@code registry.anchor.checkpoints}.
 *
 * @param intervalSeconds propose the next checkpoint when this many seconds have passed since the
 *                        last proposal this service saw (of either region), if anything was
 *                        written since; 0: not on a timer
 * @param records         propose when this many records (chaincode events other than the
 *                        checkpoints' own) arrived since the last proposal; 0: not on a count
 * @param countersign     recompute every checkpoint the other region proposes from this region's
 *                        own peer as it arrives, and countersign it or refuse it with the reason
 * @param anchor          anchor each checkpoint this region proposed on the EVM chain once both
 *                        regions have signed it (needs registry.anchor.enabled)
 */
public record CheckpointSchedule(int intervalSeconds, int records, boolean countersign, boolean anchor) {

    /** Nothing automatic: checkpoints only on a bureau's request. */
    public static final CheckpointSchedule OFF = new CheckpointSchedule(0, 0, false, false);

    public static final int MIN_INTERVAL_SECONDS = 5;
    public static final int MAX_INTERVAL_SECONDS = 7 * 24 * 3600;
    public static final int MAX_RECORDS = 10_000_000;

    public CheckpointSchedule {
        if (intervalSeconds != 0 && (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS)) {
            throw new InvalidRequest("intervalSeconds", ErrorCode.INVALID_INPUT.name(), "intervalSeconds: " + intervalSeconds
                    + " must be 0 (no timer) or " + MIN_INTERVAL_SECONDS + " to " + MAX_INTERVAL_SECONDS);
        }
        if (records < 0 || records > MAX_RECORDS) {
            throw new InvalidRequest("records", ErrorCode.INVALID_INPUT.name(), "records: " + records
                    + " must be 0 (no count) or 1 to " + MAX_RECORDS);
        }
    }

    /** Whether this service proposes checkpoints by itself. */
    public boolean proposes() {
        return intervalSeconds > 0 || records > 0;
    }

    /** Whether this service does anything by itself. */
    public boolean active() {
        return proposes() || countersign || anchor;
    }
}
