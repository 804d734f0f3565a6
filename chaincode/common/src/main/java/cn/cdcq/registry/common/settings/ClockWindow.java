package cn.cdcq.registry.common.settings;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;

/**
 * How far a transaction's timestamp (chosen by the submitting client) may be from an endorsing
 * peer's own clock. Every deadline, expiry and "issued at" is the transaction timestamp, so with
 * both regions' peers endorsing, neither region can backdate or postdate by more than this.
 *
 * @param seconds the allowed difference either way
 * @param setAt   ISO-8601 instant it came in force (null for the default)
 * @param setBy   the accepting bureau account (null for the default)
 */
public record ClockWindow(int seconds, String setAt, String setBy) {

    /** Five minutes: Fabric's own default for how far a peer lets a client's clock drift in the gateway. */
    public static final ClockWindow DEFAULT = new ClockWindow(300, null, null);

    public static final int MIN_SECONDS = 30;
    public static final int MAX_SECONDS = 3600;

    public ClockWindow {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "seconds is " + seconds
                    + "; the transaction-time window is " + MIN_SECONDS + " to " + MAX_SECONDS + " seconds");
        }
    }
}
