package cn.cdcq.registry.chaincode.report;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.SelfFiling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Report versions in world state: every version under its enterprise, quarter and version number
 * (never rewritten), and an index of each quarter's reports pointing at the version in force.
 */
public final class ReportLedger {

    static final String VERSION = "report.version";     // uscc, period, version (6 digits)
    static final String BY_PERIOD = "report.byPeriod";  // period, uscc -> the version in force
    static final String SELF_FILING = "report.selfFiling"; // region, revision (6 digits): every revision

    /** The index entry of one enterprise's report for a quarter. */
    public record Pointer(String uscc, int version) {
    }

    private final Ledger ledger;

    public ReportLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    private static String number(int version) {
        return String.format("%06d", version);
    }

    /** Every version of the enterprise's report for the quarter, oldest first (empty: none filed). */
    public List<PlatformReport> versions(String uscc, String period) {
        return ledger.list(PlatformReport.class, VERSION, uscc, period);
    }

    public Optional<PlatformReport> version(String uscc, String period, int version) {
        return ledger.get(ledger.key(VERSION, uscc, period, number(version)), PlatformReport.class);
    }

    /** The version in force. */
    public Optional<PlatformReport> current(String uscc, String period) {
        return ledger.get(ledger.key(BY_PERIOD, period, uscc), Pointer.class)
                .flatMap(p -> version(uscc, period, p.version()));
    }

    public PlatformReport requireCurrent(String uscc, String period) {
        return current(uscc, period).orElseThrow(() -> RegistryException.notFound("enterprise " + uscc
                + " has no report for " + period + "; its region's bureau files it with report:fileReport"));
    }

    /** Writes a new version and makes it the one in force. */
    public void put(PlatformReport r) {
        String key = ledger.key(VERSION, r.uscc(), r.period(), number(r.version()));
        if (ledger.exists(key)) {
            throw new IllegalStateException("version " + r.version() + " of " + r.uscc() + "/" + r.period()
                    + " exists; versions are never rewritten");
        }
        ledger.put(key, r);
        ledger.put(ledger.key(BY_PERIOD, r.period(), r.uscc()), new Pointer(r.uscc(), r.version()));
    }

    /** The version in force of each of the enterprise's reports, by quarter (in key order: oldest quarter first). */
    public List<PlatformReport> currentOf(String uscc) {
        Map<String, PlatformReport> latest = new LinkedHashMap<>();
        for (PlatformReport r : ledger.list(PlatformReport.class, VERSION, uscc)) {
            latest.put(r.period(), r);
        }
        return new ArrayList<>(latest.values());
    }

    /** The version in force of every report of the quarter, by USCC. */
    public List<PlatformReport> currentOfPeriod(String period) {
        List<PlatformReport> out = new ArrayList<>();
        for (Pointer p : ledger.list(Pointer.class, BY_PERIOD, period)) {
            version(p.uscc(), period, p.version()).ifPresent(out::add);
        }
        return out;
    }

    /** The region's switch in force: its latest revision, or off when its bureau never set it. */
    public SelfFiling selfFiling(String region) {
        List<SelfFiling> all = ledger.list(SelfFiling.class, SELF_FILING, region);
        return all.isEmpty() ? SelfFiling.off(region) : all.get(all.size() - 1);
    }

    /** Writes a new revision of a region's switch (revisions are never rewritten). */
    public void putSelfFiling(SelfFiling s) {
        String key = ledger.key(SELF_FILING, s.regionCode(), number(s.revision()));
        if (ledger.exists(key)) {
            throw new IllegalStateException("revision " + s.revision() + " of " + s.regionCode()
                    + "'s self-filing switch exists; revisions are never rewritten");
        }
        ledger.put(key, s);
    }
}
