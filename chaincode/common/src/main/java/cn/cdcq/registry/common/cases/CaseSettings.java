package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;

/**
 * Deadlines of the cross-region agreement, in working days, agreed by the bureaus on the ledger.
 *
 * @param acceptanceWorkingDays days the region with jurisdiction has to accept or decline a complaint
 * @param assistWorkingDays     days to answer an assisted-investigation request (10 in the agreement)
 * @param setAt                 ISO-8601 instant (filled in by the chaincode; null for the defaults)
 * @param setBy                 bureau account (filled in by the chaincode)
 * @param objectionWorkingDays  days the region that made a credit record has to decide an objection to it
 *                              (docs/objections.md); null (settings agreed before objections existed, or a
 *                              proposal that leaves it out) means {@link #DEFAULT_OBJECTION_WORKING_DAYS}
 */
public record CaseSettings(int acceptanceWorkingDays, int assistWorkingDays, String setAt, String setBy,
                           Integer objectionWorkingDays) {

    /** In force until a bureau sets others. */
    public static final CaseSettings DEFAULTS = new CaseSettings(5, 10, null, null);
    /** The range of both deadlines, in working days. */
    public static final int MIN_WORKING_DAYS = 1;
    public static final int MAX_WORKING_DAYS = 60;
    /** The objection deadline while the ledger's settings name none: the two regions' default, docs/objections.md. */
    public static final int DEFAULT_OBJECTION_WORKING_DAYS = 15;

    /** Settings without an objection deadline of their own (the default applies). */
    public CaseSettings(int acceptanceWorkingDays, int assistWorkingDays, String setAt, String setBy) {
        this(acceptanceWorkingDays, assistWorkingDays, setAt, setBy, null);
    }

    /** The objection deadline in force, in working days. */
    public int objectionDays() {
        return objectionWorkingDays == null ? DEFAULT_OBJECTION_WORKING_DAYS : objectionWorkingDays;
    }

    public CaseSettings {
        if (objectionWorkingDays != null && (objectionWorkingDays < MIN_WORKING_DAYS
                || objectionWorkingDays > MAX_WORKING_DAYS)) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "deadlines are " + MIN_WORKING_DAYS + " to "
                    + MAX_WORKING_DAYS + " working days; got objection " + objectionWorkingDays);
        }
        if (acceptanceWorkingDays < MIN_WORKING_DAYS || acceptanceWorkingDays > MAX_WORKING_DAYS
                || assistWorkingDays < MIN_WORKING_DAYS || assistWorkingDays > MAX_WORKING_DAYS) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "deadlines are " + MIN_WORKING_DAYS + " to "
                    + MAX_WORKING_DAYS + " working days; got "
                    + "acceptance " + acceptanceWorkingDays + ", assist " + assistWorkingDays);
        }
    }
}
