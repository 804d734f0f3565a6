package cn.cdcq.registry.common.report;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.List;

/**
 * One version of a platform enterprise's report for a quarter, as the ledger keeps it. Version 1
 * is the report as filed; each correction is the next version, which supersedes the one before
 * it (that one stays on the ledger as it was). The version with the highest number is in force.
 * Counts only: no worker is named or pseudonymized in a report.
 *
 * @param uscc                 the platform enterprise
 * @param regionCode           the region it is registered in, whose bureau filed the report
 * @param period               the quarter, e.g. {@code 2026-Q3}
 * @param version              1 as filed, +1 for each correction
 * @param supersedes           the version this one supersedes (null for version 1)
 * @param workersByOccupation  workers engaged by occupation, sorted by code
 * @param workersByRegion      workers engaged by region of work, sorted by code
 * @param totalWorkers         the workers engaged (the sum of either list)
 * @param newFormWorkers       of those, in new employment forms
 * @param occupationalInjuries occupational injuries in the quarter
 * @param complaintsReceived   complaints received in the quarter
 * @param dueOn                the last day the report was on time (yyyy-MM-dd, China)
 * @param firstFiledAt         when version 1 was filed (ISO-8601 instant of the transaction)
 * @param late                 version 1 was filed after {@code dueOn}; a correction does not change it
 * @param filedAt              when this version was written (ISO-8601 instant of the transaction)
 * @param filedBy              the bureau account that wrote this version ("MSPID/account")
 * @param reasonCode           why this version corrects the one before ({@link #CORRECTION_REASONS}; null for version 1)
 * @param reason               the correction's reason in words (null for version 1); no personal data
 * @param txId                 the transaction that wrote this version
 */
public record PlatformReport(String uscc, String regionCode, String period, int version, Integer supersedes,
                             List<PlatformReportInput.OccupationCount> workersByOccupation,
                             List<PlatformReportInput.RegionCount> workersByRegion, long totalWorkers,
                             long newFormWorkers, long occupationalInjuries, long complaintsReceived, String dueOn,
                             String firstFiledAt, boolean late, String filedAt, String filedBy, String reasonCode,
                             String reason, String txId) {

    /** Why a report is corrected; every list of reason codes ends in OTHER. */
    public static final List<String> CORRECTION_REASONS = List.of("DATA_ERROR", "LATE_RECORDS", "RECLASSIFIED", "OTHER");
    /** A correction reason code that is not in {@link #CORRECTION_REASONS}. */
    public static final String INVALID_REASON = "INVALID_REASON";

    public PlatformReport {
        workersByOccupation = workersByOccupation == null ? List.of() : List.copyOf(workersByOccupation);
        workersByRegion = workersByRegion == null ? List.of() : List.copyOf(workersByRegion);
    }

    /** The counts of this version, as they were filed: what a correction must change. */
    public PlatformReportInput counts() {
        return new PlatformReportInput(period, workersByOccupation, workersByRegion, newFormWorkers,
                occupationalInjuries, complaintsReceived);
    }

    /** {@code code} if it is one of {@link #CORRECTION_REASONS}, else an {@value #INVALID_REASON} error naming them. */
    public static String requireReasonCode(String code) {
        if (code == null || !CORRECTION_REASONS.contains(code.strip())) {
            throw new InvalidInputException(INVALID_REASON, "reason code " + (code == null || code.isBlank()
                    ? "is missing" : "\"" + (code.length() > 40 ? code.substring(0, 40) + "..." : code.strip())
                    + "\" is not one") + " for a report correction; choose one of " + String.join(", ", CORRECTION_REASONS));
        }
        return code.strip();
    }
}
