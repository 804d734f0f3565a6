package cn.cdcq.registry.common.credit;

/**
 * The published result of checking one drawn enterprise ("one public").
 *
 * @param drawId               the draw
 * @param uscc                 the enterprise checked
 * @param outcome              what the check found
 * @param findingsDocumentHash SHA-256 of the inspection report
 * @param publishedAt          ISO-8601 instant
 * @param publishedBy          inspectorId or bureau account
 */
public record SpotCheckResult(String drawId, String uscc, Outcome outcome, String findingsDocumentHash,
                              String publishedAt, String publishedBy) {

    public enum Outcome { NO_ISSUES, ISSUES_RECTIFIED_ON_SITE, VIOLATION_FOUND, ENTERPRISE_NOT_FOUND }
}
