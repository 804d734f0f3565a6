package cn.cdcq.registry.common.credit;

/**
 * A recorded labor-law violation.
 *
 * @param id                   the recording transaction's ID
 * @param uscc                 the enterprise
 * @param enterpriseRegion     region where the enterprise is registered
 * @param recordingRegion      region whose inspector recorded it (the enforcing region)
 * @param type                 kind of violation
 * @param amountFen            amount involved, in fen
 * @param workersAffected      workers affected
 * @param decisionDate         date of the decision, yyyy-MM-dd (decides the rating year)
 * @param decisionDocumentHash SHA-256 of the decision document
 * @param major                major case
 * @param massIncident         mass or extreme incident
 * @param status               current status
 * @param penalized            whether it was ever penalized (stays true after rectification or closing)
 * @param recordedOn           Asia/Shanghai date of recording
 * @param recordedAt           ISO-8601 instant of recording
 * @param recordedBy           inspectorId of the recording inspector
 * @param updatedAt            instant of the last status change
 */
public record Violation(String id, String uscc, String enterpriseRegion, String recordingRegion, ViolationType type,
                        long amountFen, int workersAffected, String decisionDate, String decisionDocumentHash,
                        boolean major, boolean massIncident, ViolationStatus status, boolean penalized,
                        String recordedOn, String recordedAt, String recordedBy, String updatedAt) {

    public Violation withStatus(ViolationStatus newStatus, String at) {
        return new Violation(id, uscc, enterpriseRegion, recordingRegion, type, amountFen, workersAffected,
                decisionDate, decisionDocumentHash, major, massIncident, newStatus,
                penalized || newStatus == ViolationStatus.PENALIZED, recordedOn, recordedAt, recordedBy, at);
    }

    /**
     * The violation as the recording region corrected it on an objection (docs/objections.md):
     * its type and severity; the rest, the penalty included, stays.
     */
    public Violation corrected(ViolationType newType, boolean newMajor, boolean newMassIncident, String at) {
        return new Violation(id, uscc, enterpriseRegion, recordingRegion, newType, amountFen, workersAffected,
                decisionDate, decisionDocumentHash, newMajor, newMassIncident, status, penalized, recordedOn, recordedAt,
                recordedBy, at);
    }

    /** Whether this violation lies in the calendar year {@code year} (by decision date). */
    public boolean decidedIn(int year) {
        return Integer.parseInt(decisionDate.substring(0, 4)) == year;
    }
}
