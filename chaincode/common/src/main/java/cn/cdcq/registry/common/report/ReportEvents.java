package cn.cdcq.registry.common.report;

/** The chaincode events of the report contract: each name, and the record its payload is (counts only, no person). */
public final class ReportEvents {

    public static final String REPORT_FILED = "PlatformReportFiled";
    public static final String REPORT_CORRECTED = "PlatformReportCorrected";
    public static final String SELF_FILING_SET = "SelfFilingSet";

    private ReportEvents() {
    }

    /** {@value #REPORT_FILED} and {@value #REPORT_CORRECTED}: the version now in force. */
    public record ReportChanged(String uscc, String regionCode, String period, int version, boolean late,
                                long totalWorkers) {

        public static ReportChanged of(PlatformReport r) {
            return new ReportChanged(r.uscc(), r.regionCode(), r.period(), r.version(), r.late(), r.totalWorkers());
        }
    }

    /** {@value #SELF_FILING_SET}: a region's bureau set whether its enterprises file their own reports. */
    public record SelfFilingSet(String regionCode, boolean allowed, int revision) {
    }
}
