package cn.cdcq.registry.chaincode.report;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.FreeText;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PeriodTotals;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import cn.cdcq.registry.common.report.ReportEvents;
import cn.cdcq.registry.common.report.ReportPeriod;
import cn.cdcq.registry.common.report.ReportTransactions;
import cn.cdcq.registry.common.report.SelfFiling;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Platform employment reports (docs/reports.md). A platform enterprise's report for a quarter is
 * filed by the bureau of the region it is registered in, or by the enterprise's own account
 * ({@link Caller#ENTERPRISE}) of that region while the region's switch ({@link SelfFiling}, set by
 * its bureau alone) is on, once the quarter has ended; one report per enterprise and quarter. A correction is a new version that supersedes the one in force,
 * with a reason code and a reason; every version stays readable. A report first filed after its
 * due date ({@link ReportPeriod#DUE_DAYS} days after the quarter) is late, and the late list
 * (missing or filed late) covers the platforms of every region. Every time is the transaction's.
 * Every member of the channel reads every report: they hold counts only.
 */
@Contract(name = ReportTransactions.CONTRACT, info = @Info(title = "Platform employment reports",
        description = "Quarterly counts of a platform enterprise's workers, injuries and complaints", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class ReportContract implements RegistryContract {

    /** The longest correction reason. */
    static final int MAX_REASON = 500;

    /**
     * Files the report of a platform enterprise registered in the caller's region, for a quarter
     * that has ended ({@code reportJson}: a {@link PlatformReportInput}).
     */
    @Transaction(name = ReportTransactions.FILE_REPORT, intent = Transaction.TYPE.SUBMIT)
    public String fileReport(Context ctx, String uscc, String reportJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        Ledger ledger = credit.ledger();
        String region = filerRegion(credit.regions(), caller);
        String code = Arguments.uscc(uscc);
        PlatformReportInput input = Arguments.json(reportJson, PlatformReportInput.class);
        Enterprise enterprise = requireOwn(credit, caller, code, region, "file");
        if (enterprise.kind() != EnterpriseKind.PLATFORM) {
            throw RegistryException.conflict("enterprise " + code + " is of kind " + enterprise.kind()
                    + "; only a platform enterprise (kind PLATFORM) files employment reports");
        }
        ReportPeriod period = ReportPeriod.parse(input.period());
        LocalDate today = ledger.today();
        if (!today.isAfter(period.lastDay())) {
            throw RegistryException.conflict("quarter " + period + " ends on " + period.lastDay()
                    + "; its report can be filed from " + period.lastDay().plusDays(1));
        }
        requireRegionsOfWork(credit, input);
        ReportLedger reports = new ReportLedger(ledger);
        reports.current(code, period.toString()).ifPresent(r -> {
            throw RegistryException.exists("enterprise " + code + " already has a report for " + period + " (version "
                    + r.version() + ", filed " + r.firstFiledAt() + "); change it with report:correctReport");
        });
        String now = ledger.nowIso();
        PlatformReport report = new PlatformReport(code, region, period.toString(), 1, null,
                input.workersByOccupation(), input.workersByRegion(), input.totalWorkers(), input.newFormWorkers(),
                input.occupationalInjuries(), input.complaintsReceived(), period.dueOn().toString(), now,
                today.isAfter(period.dueOn()), now, caller.id(), null, null, ledger.txId());
        reports.put(report);
        ledger.emit(ReportEvents.REPORT_FILED, ReportEvents.ReportChanged.of(report));
        return Json.write(report);
    }

    /**
     * Corrects the report in force: the counts given ({@code reportJson}, its period the report's)
     * become the next version, which supersedes it; every earlier version stays as it was.
     *
     * @param reasonCode one of {@link PlatformReport#CORRECTION_REASONS}
     * @param reason     why, in 1 to 500 characters; no personal data
     */
    @Transaction(name = ReportTransactions.CORRECT_REPORT, intent = Transaction.TYPE.SUBMIT)
    public String correctReport(Context ctx, String uscc, String reportJson, String reasonCode, String reason) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        Ledger ledger = credit.ledger();
        String region = filerRegion(credit.regions(), caller);
        String code = Arguments.uscc(uscc);
        PlatformReportInput input = Arguments.json(reportJson, PlatformReportInput.class);
        String why = Arguments.valid(() -> PlatformReport.requireReasonCode(reasonCode));
        String text = Arguments.valid(() -> FreeText.requireNoPersonalData("reason",
                CreditInputs.text("reason", reason, MAX_REASON)));
        requireOwn(credit, caller, code, region, "correct");
        ReportLedger reports = new ReportLedger(ledger);
        PlatformReport current = reports.requireCurrent(code, input.period());
        if (current.counts().equals(input)) {
            throw RegistryException.conflict("the correction gives the counts of version " + current.version()
                    + " unchanged; a correction changes at least one count");
        }
        requireRegionsOfWork(credit, input);
        PlatformReport next = new PlatformReport(code, region, current.period(), current.version() + 1,
                current.version(), input.workersByOccupation(), input.workersByRegion(), input.totalWorkers(),
                input.newFormWorkers(), input.occupationalInjuries(), input.complaintsReceived(), current.dueOn(),
                current.firstFiledAt(), current.late(), ledger.nowIso(), caller.id(), why, text, ledger.txId());
        reports.put(next);
        ledger.emit(ReportEvents.REPORT_CORRECTED, ReportEvents.ReportChanged.of(next));
        return Json.write(next);
    }

    /** The version in force of the enterprise's report for the quarter. */
    @Transaction(name = ReportTransactions.GET_REPORT, intent = Transaction.TYPE.EVALUATE)
    public String getReport(Context ctx, String uscc, String period) {
        String code = Arguments.uscc(uscc);
        String p = Arguments.valid(() -> ReportPeriod.parse(period)).toString();
        return Json.write(new ReportLedger(new Ledger(ctx)).requireCurrent(code, p));
    }

    /** Every version of the enterprise's report for the quarter, oldest first: who wrote each, when and why. */
    @Transaction(name = ReportTransactions.GET_REPORT_HISTORY, intent = Transaction.TYPE.EVALUATE)
    public String getReportHistory(Context ctx, String uscc, String period) {
        String code = Arguments.uscc(uscc);
        String p = Arguments.valid(() -> ReportPeriod.parse(period)).toString();
        ReportLedger reports = new ReportLedger(new Ledger(ctx));
        reports.requireCurrent(code, p);
        return Json.write(reports.versions(code, p));
    }

    /** The version in force of each of a registered enterprise's reports, oldest quarter first. */
    @Transaction(name = ReportTransactions.LIST_REPORTS, intent = Transaction.TYPE.EVALUATE)
    public String listReports(Context ctx, String uscc) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String code = credit.requireEnterprise(Arguments.uscc(uscc)).uscc();
        return Json.write(new ReportLedger(credit.ledger()).currentOf(code));
    }

    /**
     * The late reports of a quarter, for the platforms of every region: each report first filed
     * after its due date, and, once the due date has passed, each platform enterprise with no
     * report that was on the register, of kind PLATFORM, at the quarter's end. By region, then USCC.
     */
    @Transaction(name = ReportTransactions.LIST_LATE, intent = Transaction.TYPE.EVALUATE)
    public String listLate(Context ctx, String period) {
        ReportPeriod p = Arguments.valid(() -> ReportPeriod.parse(period));
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        ReportLedger reports = new ReportLedger(credit.ledger());
        LocalDate today = credit.ledger().today();
        List<LateReport> late = new ArrayList<>();
        for (Region region : credit.regions().all()) {
            for (Enterprise e : credit.enterprisesOf(region.code())) {
                PlatformReport first = reports.version(e.uscc(), p.toString(), 1).orElse(null);
                if (first != null) {
                    if (first.late()) {
                        late.add(new LateReport(e.uscc(), e.name(), e.regionCode(), p.toString(), first.dueOn(),
                                LateReport.Status.FILED_LATE, first.firstFiledAt(), ChronoUnit.DAYS.between(p.dueOn(),
                                        IsoDate.dateOf(Instant.parse(first.firstFiledAt())))));
                    }
                } else if (today.isAfter(p.dueOn()) && owedBy(e, p)) {
                    late.add(new LateReport(e.uscc(), e.name(), e.regionCode(), p.toString(), p.dueOn().toString(),
                            LateReport.Status.MISSING, null, ChronoUnit.DAYS.between(p.dueOn(), today)));
                }
            }
        }
        late.sort(Comparator.comparing(LateReport::regionCode).thenComparing(LateReport::uscc));
        return Json.write(late);
    }

    /** The totals of every report in force for the quarter, for all and by registering region. */
    @Transaction(name = ReportTransactions.GET_PERIOD_TOTALS, intent = Transaction.TYPE.EVALUATE)
    public String getPeriodTotals(Context ctx, String period) {
        String p = Arguments.valid(() -> ReportPeriod.parse(period)).toString();
        PeriodTotals.Totals all = new PeriodTotals.Totals(null, 0, 0, 0, 0, 0);
        Map<String, PeriodTotals.Totals> byRegion = new TreeMap<>();
        for (PlatformReport r : new ReportLedger(new Ledger(ctx)).currentOfPeriod(p)) {
            all = all.plus(r);
            byRegion.put(r.regionCode(), byRegion.getOrDefault(r.regionCode(),
                    new PeriodTotals.Totals(r.regionCode(), 0, 0, 0, 0, 0)).plus(r));
        }
        return Json.write(new PeriodTotals(p, all, new ArrayList<>(byRegion.values())));
    }

    /**
     * Sets whether the caller's region lets its platform enterprises file and correct their own
     * reports with an enterprise account. The region's own policy: its bureau alone sets it, no
     * other region approves it; off until first set. Every revision stays on the ledger.
     *
     * @param regionCode the caller's region (another region's switch is refused)
     * @param allowed    "true" or "false"
     */
    @Transaction(name = ReportTransactions.SET_SELF_FILING, intent = Transaction.TYPE.SUBMIT)
    public String setSelfFiling(Context ctx, String regionCode, String allowed) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        String target = Arguments.region(regionCode);
        boolean on = Arguments.flag("allowed", allowed);
        if (!target.equals(region)) {
            throw RegistryException.forbidden("whether region " + target + " lets its enterprises file their own "
                    + "reports is " + target + "'s policy; only " + target + "'s bureau sets it, not " + region);
        }
        ReportLedger reports = new ReportLedger(ledger);
        SelfFiling next = new SelfFiling(region, on, reports.selfFiling(region).revision() + 1, ledger.nowIso(),
                caller.id());
        reports.putSelfFiling(next);
        ledger.emit(ReportEvents.SELF_FILING_SET, new ReportEvents.SelfFilingSet(region, on, next.revision()));
        return Json.write(next);
    }

    /** A registered region's switch in force: whether its enterprises file their own reports (off if never set). */
    @Transaction(name = ReportTransactions.GET_SELF_FILING, intent = Transaction.TYPE.EVALUATE)
    public String getSelfFiling(Context ctx, String regionCode) {
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).require(Arguments.region(regionCode)).code();
        return Json.write(new ReportLedger(ledger).selfFiling(region));
    }

    // ------------------------------------------------------------------ rules

    /**
     * The region the caller files for: a bureau's region, or the region of an enterprise
     * account's organization. Any other caller is refused before any argument is read.
     */
    private static String filerRegion(Regions regions, Caller caller) {
        caller.requireRole(Caller.BUREAU, Caller.ENTERPRISE);
        return regions.regionOf(caller).code();
    }

    /**
     * The enterprise, registered in the caller's region: only that region's bureau files or
     * corrects its reports, or the enterprise itself through an account of that region while the
     * region's switch is on.
     */
    private static Enterprise requireOwn(CreditLedger credit, Caller caller, String uscc, String region, String verb) {
        boolean self = caller.role().equals(Caller.ENTERPRISE);
        if (self) {
            String own = caller.attribute("uscc").orElseThrow(() -> RegistryException.forbidden("the caller's "
                    + "enterprise account carries no uscc attribute; an enterprise account is enrolled with its "
                    + "enterprise's USCC (attribute 'uscc')"));
            if (!Uscc.isValid(own) || !own.equals(uscc)) {
                throw RegistryException.forbidden("the caller's enterprise account is enterprise " + own
                        + "'s; an enterprise may " + verb + " only its own reports, not those of " + uscc);
            }
        }
        Enterprise e = credit.requireEnterprise(uscc);
        if (!e.regionCode().equals(region)) {
            throw RegistryException.forbidden("enterprise " + uscc + " is registered in region " + e.regionCode()
                    + "; only that region's " + (self ? "organization's enterprise accounts" : "bureau") + " may "
                    + verb + " its reports, not " + region + "'s");
        }
        if (self && !new ReportLedger(credit.ledger()).selfFiling(region).allowed()) {
            throw RegistryException.forbidden("region " + region + " does not let enterprises " + verb
                    + " their own reports (its self-filing switch is off; its bureau sets it with "
                    + "report:setSelfFiling); the region's bureau " + (verb.equals("file") ? "files" : "corrects")
                    + " them");
        }
        return e;
    }

    /** Every region of work is a registered region. */
    private static void requireRegionsOfWork(CreditLedger credit, PlatformReportInput input) {
        for (PlatformReportInput.RegionCount c : input.workersByRegion()) {
            credit.regions().require(c.regionCode());
        }
    }

    /**
     * Whether the enterprise owed a report for the quarter: it was on the register at the
     * quarter's end (registered on or before its last day, in China) and of kind PLATFORM then
     * (its kind history; a record from before kinds read as its kind now).
     */
    static boolean owedBy(Enterprise e, ReportPeriod p) {
        if (IsoDate.dateOf(Instant.parse(e.registeredAt())).isAfter(p.lastDay())) {
            return false;
        }
        EnterpriseKind kind = e.kindHistory().isEmpty() ? e.kind() : null;
        for (Enterprise.KindChange c : e.kindHistory()) {
            if (!IsoDate.dateOf(Instant.parse(c.changedAt())).isAfter(p.lastDay())) {
                kind = c.kind();
            }
        }
        return kind == EnterpriseKind.PLATFORM;
    }
}
