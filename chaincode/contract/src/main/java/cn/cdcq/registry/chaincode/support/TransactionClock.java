package cn.cdcq.registry.chaincode.support;

import cn.cdcq.registry.common.settings.ClockWindow;
import org.hyperledger.fabric.contract.Context;

import java.time.Duration;
import java.time.Instant;

/**
 * Honest transaction times. Every deadline, expiry and "issued at" the contracts record is the
 * transaction timestamp, and the submitting client chooses it. Each endorsing peer therefore
 * compares it with its own clock and refuses a proposal that is off by more than the window on
 * the ledger ({@link ClockWindow}, 5 minutes unless both regions agreed on another).
 *
 * <p>Why a local-clock check does not break endorsement: the peers' clocks never reach the
 * write set or the response. The check only accepts or refuses; an accepted proposal produces
 * exactly the bytes it would without the check, so the two regions' endorsements still match.
 * If one peer refuses (its clock, or the client's, is off), that peer returns no endorsement
 * and under AND(Chengdu, Chongqing) the transaction fails as a whole, which is the point:
 * neither region can backdate or postdate a record without the other region's peer agreeing
 * that the time is now. The only cost is that peers need clocks within the window (NTP).
 */
public final class TransactionClock {

    /** World-state key of the window both regions agreed on; absent means {@link ClockWindow#DEFAULT}. */
    public static final String WINDOW = "settings.clockWindow";

    private TransactionClock() {
    }

    public static ClockWindow window(Ledger ledger) {
        return ledger.get(ledger.key(WINDOW), ClockWindow.class).orElse(ClockWindow.DEFAULT);
    }

    /**
     * Refuses the transaction if its timestamp is more than the window away from {@code peerNow}.
     *
     * @param peerNow this peer's clock (the chaincode server runs next to the peer)
     */
    public static void requireNear(Context ctx, Instant peerNow) {
        Ledger ledger = new Ledger(ctx);
        Instant stamped = ctx.getStub().getTxTimestamp();
        ClockWindow window = window(ledger);
        Duration off = Duration.between(peerNow, stamped);
        if (off.abs().compareTo(Duration.ofSeconds(window.seconds())) > 0) {
            throw RegistryException.invalid("the transaction timestamp " + Timestamps.iso(stamped) + " is "
                    + off.abs().toSeconds() + " s " + (off.isNegative() ? "behind" : "ahead of")
                    + " this peer's clock (" + Timestamps.iso(peerNow) + "); the window both regions agreed on is "
                    + window.seconds() + " s: set the submitting client's clock right (NTP) and submit again");
        }
    }
}
