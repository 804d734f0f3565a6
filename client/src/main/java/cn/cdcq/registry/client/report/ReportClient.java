package cn.cdcq.registry.client.report;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PeriodTotals;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import cn.cdcq.registry.common.report.ReportTransactions;
import cn.cdcq.registry.common.report.SelfFiling;

import java.util.List;

/** Platform employment reports as typed calls for one user through one peer (contract {@code report}). */
public final class ReportClient {

    private final RegistryGateway gateway;

    public ReportClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public PlatformReport file(String uscc, PlatformReportInput report) {
        return Json.read(gateway.submit(ReportTransactions.CONTRACT, ReportTransactions.FILE_REPORT, uscc,
                Json.write(report)), PlatformReport.class);
    }

    public PlatformReport correct(String uscc, PlatformReportInput report, String reasonCode, String reason) {
        return Json.read(gateway.submit(ReportTransactions.CONTRACT, ReportTransactions.CORRECT_REPORT, uscc,
                Json.write(report), reasonCode, reason), PlatformReport.class);
    }

    /** The version in force. */
    public PlatformReport report(String uscc, String period) {
        return Json.read(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.GET_REPORT, uscc, period),
                PlatformReport.class);
    }

    /** Every version, oldest first. */
    public List<PlatformReport> history(String uscc, String period) {
        return Json.readList(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.GET_REPORT_HISTORY, uscc,
                period), PlatformReport.class);
    }

    /** The version in force of each of the enterprise's reports, oldest quarter first. */
    public List<PlatformReport> reports(String uscc) {
        return Json.readList(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.LIST_REPORTS, uscc),
                PlatformReport.class);
    }

    /** The quarter's late reports of every region. */
    public List<LateReport> late(String period) {
        return Json.readList(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.LIST_LATE, period),
                LateReport.class);
    }

    public PeriodTotals totals(String period) {
        return Json.read(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.GET_PERIOD_TOTALS, period),
                PeriodTotals.class);
    }

    /** Sets whether this region's enterprises file their own reports (the caller's region, by its bureau). */
    public SelfFiling setSelfFiling(String regionCode, boolean allowed) {
        return Json.read(gateway.submit(ReportTransactions.CONTRACT, ReportTransactions.SET_SELF_FILING, regionCode,
                Boolean.toString(allowed)), SelfFiling.class);
    }

    /** A region's switch in force (off when never set). */
    public SelfFiling selfFiling(String regionCode) {
        return Json.read(gateway.evaluate(ReportTransactions.CONTRACT, ReportTransactions.GET_SELF_FILING, regionCode),
                SelfFiling.class);
    }
}
