package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.privacy.FreeText;

import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise's objection, filed by the bureau of the region where it is registered, to a
 * credit record: a violation, a rating or a wage-arrears listing; decided by the region that made
 * the record within the working days the ledger's case settings give (docs/objections.md).
 *
 * @param id             the filing transaction's ID
 * @param target         what kind of record
 * @param recordId       the violation id, the listing id, or {@code USCC/REGION/YEAR} of a rating
 * @param recordRevision the rating's revision objected to (null for the other targets)
 * @param uscc           the enterprise
 * @param filingRegion   region where the enterprise is registered (whose bureau filed)
 * @param decidingRegion region that made the record (the only one that may decide)
 * @param reasonCode     one of {@link #REASON_CODES}
 * @param reason         short free text without personal data
 * @param evidenceHashes SHA-256 of the evidence documents (kept in the bureau's archive)
 * @param filedOn        Asia/Shanghai date of filing (transaction time)
 * @param filedAt        ISO-8601 instant of filing
 * @param filedBy        who filed: "MSPID/account"
 * @param filedByRole    the filer's role attribute
 * @param dueOn          the last day of the decision deadline, counted in working days on the shared calendar
 * @param status         PENDING until decided, then the outcome
 * @param decision       the decision, once made
 */
public record Objection(String id, Target target, String recordId, Integer recordRevision, String uscc,
                        String filingRegion, String decidingRegion, String reasonCode, String reason,
                        List<String> evidenceHashes, String filedOn, String filedAt, String filedBy, String filedByRole,
                        String dueOn, Status status, Decision decision) {

    /** The records an objection may be about. */
    public enum Target { VIOLATION, RATING, LISTING }

    /** PENDING, then the decision's outcome. */
    public enum Status { PENDING, REJECTED, CORRECTED, ANNULLED }

    /** Why the enterprise objects. */
    public static final List<String> REASON_CODES = List.of("FACTS_INCORRECT", "WRONG_ENTERPRISE",
            "PROCEDURE_VIOLATED", "LEGAL_BASIS_INCORRECT", "SEVERITY_OVERSTATED", "OTHER");
    /** At most this many evidence hashes. */
    public static final int MAX_EVIDENCE = 10;
    /** Free text is kept short: at most this many characters. */
    public static final int MAX_TEXT = 500;

    /**
     * The decision.
     *
     * @param outcome      REJECTED, CORRECTED or ANNULLED
     * @param reason       why, short free text without personal data
     * @param correction   what was corrected (CORRECTED only)
     * @param decidedOn    Asia/Shanghai date (transaction time)
     * @param decidedAt    ISO-8601 instant
     * @param decidedBy    "MSPID/account"
     * @param decidedByRole the decider's role attribute
     * @param late         decided after {@code dueOn}
     * @param ratingsAdjusted ratings (USCC/REGION/YEAR/rN) whose level in force the decision changed
     * @param listingsAnnulled listings annulled with the violation they rest on
     */
    public record Decision(Status outcome, String reason, Correction correction, String decidedOn, String decidedAt,
                           String decidedBy, String decidedByRole, boolean late, List<String> ratingsAdjusted,
                           List<String> listingsAnnulled) {
    }

    /**
     * A correction: for a violation its type and severity (each null to keep it), for a rating the
     * level it counts with.
     */
    public record Correction(ViolationType type, Boolean major, Boolean massIncident, CreditLevel level) {
    }

    /**
     * What a bureau files.
     *
     * @param target         VIOLATION, RATING or LISTING
     * @param recordId       the record's id ({@code USCC/REGION/YEAR} for a rating)
     * @param reasonCode     one of {@link #REASON_CODES}
     * @param reason         1 to {@value #MAX_TEXT} characters, no personal data
     * @param evidenceHashes 0 to {@value #MAX_EVIDENCE} distinct SHA-256 hex digests
     */
    public record Input(Target target, String recordId, String reasonCode, String reason, List<String> evidenceHashes) {

        public Input {
            CreditInputs.required("target", target);
            recordId = CreditInputs.text("recordId", recordId, 160);
            reasonCode = checkReasonCode(reasonCode);
            reason = text("reason", reason);
            evidenceHashes = evidence(evidenceHashes);
        }
    }

    /**
     * What the deciding bureau decides.
     *
     * @param outcome    REJECTED, CORRECTED or ANNULLED
     * @param reason     1 to {@value #MAX_TEXT} characters, no personal data
     * @param correction required with CORRECTED, refused otherwise
     */
    public record DecisionInput(Status outcome, String reason, Correction correction) {

        public DecisionInput {
            CreditInputs.required("outcome", outcome);
            if (outcome == Status.PENDING) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        "outcome PENDING is not a decision; give REJECTED, CORRECTED or ANNULLED");
            }
            reason = text("reason", reason);
            if (outcome == Status.CORRECTED && (correction == null || (correction.type() == null
                    && correction.major() == null && correction.massIncident() == null && correction.level() == null))) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "correction is missing: CORRECTED needs "
                        + "what is corrected (a violation's type, major or massIncident; a rating's level)");
            }
            if (outcome != Status.CORRECTED && correction != null) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "correction is only given with CORRECTED, "
                        + "not with " + outcome);
            }
        }
    }

    static String checkReasonCode(String code) {
        String c = CreditInputs.text("reasonCode", code, 64);
        if (!REASON_CODES.contains(c)) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "reasonCode '" + c + "' is not one of " + String.join(", ", REASON_CODES));
        }
        return c;
    }

    static String text(String field, String text) {
        return FreeText.requireNoPersonalData(field, CreditInputs.text(field, text, MAX_TEXT));
    }

    static List<String> evidence(List<String> hashes) {
        List<String> given = hashes == null ? List.of() : hashes;
        if (given.size() > MAX_EVIDENCE) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "evidenceHashes has " + given.size()
                    + " entries; at most " + MAX_EVIDENCE);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String h = CreditInputs.sha256Hex("evidenceHashes[" + i + "]", given.get(i));
            if (out.contains(h)) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "evidenceHashes[" + i + "] repeats an "
                        + "earlier hash");
            }
            out.add(h);
        }
        return List.copyOf(out);
    }

    public Objection decided(Decision d) {
        return new Objection(id, target, recordId, recordRevision, uscc, filingRegion, decidingRegion, reasonCode, reason,
                evidenceHashes, filedOn, filedAt, filedBy, filedByRole, dueOn, d.outcome(), d);
    }
}
