package cn.cdcq.registry.common.credit;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a violation stands. OPEN: decided, order issued; RECTIFIED: the enterprise complied;
 * PENALIZED: an administrative penalty was imposed; CLOSED: nothing more to do (terminal);
 * ANNULLED: the recording region annulled it on an objection (terminal, never reached by a status
 * change: docs/objections.md); it no longer counts in any rating.
 */
public enum ViolationStatus {
    OPEN, RECTIFIED, PENALIZED, CLOSED, ANNULLED;

    /** The statuses this one may move to. */
    public Set<ViolationStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(RECTIFIED, PENALIZED, CLOSED);
            case RECTIFIED -> EnumSet.of(PENALIZED, CLOSED);
            case PENALIZED -> EnumSet.of(RECTIFIED, CLOSED);
            case CLOSED, ANNULLED -> EnumSet.noneOf(ViolationStatus.class);
        };
    }
}
