package cn.cdcq.registry.chaincode.report;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.SelfFiling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The credit fixture's two regions with a platform enterprise registered in each, and the report
 * contract: for the report tests and the other-region scenarios of the authorization table.
 */
public final class ReportWorld {

    public static final String CD_PLATFORM = CreditFixture.uscc("91510100MA6100021");
    public static final String CQ_PLATFORM = CreditFixture.uscc("91500000MA5U00021");

    public final CreditFixture f;
    public final ReportContract reports = new ReportContract();
    /** Each platform's own account ({@code role=enterprise}, its USCC), of its region's organization. */
    public final TestIdentity cdPlatformAccount = enterpriseAccount(CreditFixture.CD_MSP, "cd-platform", CD_PLATFORM);
    public final TestIdentity cqPlatformAccount = enterpriseAccount(CreditFixture.CQ_MSP, "cq-platform", CQ_PLATFORM);

    public ReportWorld(Instant start) {
        f = new CreditFixture(start);
        registerPlatform(f, f.cdBureau, CD_PLATFORM, "Chengdu Rider Platform Co.");
        registerPlatform(f, f.cqBureau, CQ_PLATFORM, "Chongqing Delivery Platform Co.");
    }

    /** An enterprise account as the region's CA enrolls it: {@code role=enterprise} and the enterprise's {@code uscc}. */
    public static TestIdentity enterpriseAccount(String mspId, String name, String uscc) {
        return TestIdentities.user(mspId, name, Map.of("role", "enterprise", "uscc", uscc));
    }

    /** Registers a platform enterprise (kind PLATFORM) as {@code bureau}. */
    public static Enterprise registerPlatform(CreditFixture f, TestIdentity bureau, String uscc, String name) {
        return Json.read(f.network.<String>invoke(bureau,
                ctx -> f.enterprises.registerEnterprise(ctx, uscc, name, "true", "")), Enterprise.class);
    }

    /**
     * A report's JSON: {@code occupations} and {@code regions} as code to workers; the two must add
     * up to the same number for a valid report.
     */
    public static String json(String period, Map<String, Long> occupations, Map<String, Long> regions, long newForm,
                              long injuries, long complaints) {
        String occ = occupations.entrySet().stream().map(e -> "{\"occupation\":\"" + e.getKey() + "\",\"workers\":"
                + e.getValue() + "}").collect(Collectors.joining(","));
        String reg = regions.entrySet().stream().map(e -> "{\"regionCode\":\"" + e.getKey() + "\",\"workers\":"
                + e.getValue() + "}").collect(Collectors.joining(","));
        return "{\"period\":\"" + period + "\",\"workersByOccupation\":[" + occ + "],\"workersByRegion\":[" + reg
                + "],\"newFormWorkers\":" + newForm + ",\"occupationalInjuries\":" + injuries + ",\"complaintsReceived\":"
                + complaints + "}";
    }

    /** A valid report: riders (4-02-07-10) working in Chengdu and Chongqing. */
    public static String simple(String period, long inChengdu, long inChongqing) {
        return json(period, Map.of("4-02-07-10", inChengdu + inChongqing), ordered("CD", inChengdu, "CQ", inChongqing),
                inChengdu, 1, 2);
    }

    private static Map<String, Long> ordered(String a, long x, String b, long y) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put(a, x);
        m.put(b, y);
        return m;
    }

    public PlatformReport file(TestIdentity bureau, String uscc, String json) {
        return Json.read(f.network.<String>invoke(bureau, ctx -> reports.fileReport(ctx, uscc, json)), PlatformReport.class);
    }

    public PlatformReport correct(TestIdentity bureau, String uscc, String json, String code, String reason) {
        return Json.read(f.network.<String>invoke(bureau, ctx -> reports.correctReport(ctx, uscc, json, code, reason)),
                PlatformReport.class);
    }

    public PlatformReport current(String uscc, String period) {
        return Json.read(f.network.<String>evaluate(f.cqInspector, ctx -> reports.getReport(ctx, uscc, period)),
                PlatformReport.class);
    }

    public List<PlatformReport> history(String uscc, String period) {
        return Json.readList(f.network.<String>evaluate(f.cdCenter, ctx -> reports.getReportHistory(ctx, uscc, period)),
                PlatformReport.class);
    }

    public SelfFiling setSelfFiling(TestIdentity bureau, String region, boolean allowed) {
        return Json.read(f.network.<String>invoke(bureau,
                ctx -> reports.setSelfFiling(ctx, region, String.valueOf(allowed))), SelfFiling.class);
    }

    public SelfFiling selfFiling(String region) {
        return Json.read(f.network.<String>evaluate(f.cqCenter, ctx -> reports.getSelfFiling(ctx, region)),
                SelfFiling.class);
    }
}
