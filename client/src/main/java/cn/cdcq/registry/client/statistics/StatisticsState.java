package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.fabric.BlockReader;
import cn.cdcq.registry.client.statistics.Fact.Type;
import cn.cdcq.registry.client.statistics.Suppression.Margins;
import cn.cdcq.registry.client.statistics.Suppression.Mark;
import cn.cdcq.registry.common.cases.CaseEvents;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.ReportEvents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The read store's content: the facts counted so far, keyed by record so that a transaction seen
 * twice counts once, and the published tables computed from them (docs/statistics.md). Not thread
 * safe: {@link StatisticsStore} guards it.
 */
final class StatisticsState {

    /** The tables, by the name the API serves them under. */
    enum Table {
        certificates("Certificates issued, by region of issue, occupation, month of issue (rows) and kind and level "
                + "(columns): 1 to 5 the skill levels, Z the special vocational ability certificates (no level), "
                + "T1 to T5 the professional title grades"),
        recognitions("Recognition decisions, by deciding (target) region and kind of credential: granted and refused"),
        mobility("Holders (distinct pseudonyms) active in one region only or in two or more, by kind of activity; ANY is any of them"),
        violations("Violations recorded, by type and recording region (rows) and the enterprise's kind when recorded (columns)"),
        integrity("Enterprises by their latest credit level from each rating region"),
        reports("Platform employment report totals in force, by quarter and registering region; ALL is both");

        final String description;

        Table(String description) {
            this.description = description;
        }
    }

    /** The events whose counted record is in the transaction's writes, not in the event. */
    static final Set<String> NEEDS_WRITES = Set.of(CertificateEvents.CERTIFICATE_ISSUED, CertificateEvents.CERTIFICATE_BATCH_ISSUED,
            CertificateEvents.SUBSIDY_CLAIMED, CaseEvents.COMPLAINT_FILED, CaseEvents.COMPLAINT_TRANSFERRED,
            CreditEvents.ENTERPRISE_REGISTERED, ReportEvents.REPORT_FILED, ReportEvents.REPORT_CORRECTED,
            ObjectionEvents.OBJECTION_DECIDED);

    /** Every event the statistics count. */
    static final Set<String> COUNTED;

    static {
        Set<String> all = new TreeSet<>(NEEDS_WRITES);
        all.addAll(List.of(CertificateEvents.RECOGNITION_DECISION_MADE, CreditEvents.ENTERPRISE_KIND_CHANGED,
                CreditEvents.VIOLATION_RECORDED, CreditEvents.CROSS_REGION_NOTICE_RAISED, CreditEvents.RATING_RECORDED));
        COUNTED = Set.copyOf(all);
    }

    private static final String CERTIFICATE_KEY = "certificate";
    private static final String CLAIM_KEY = "subsidyClaim";
    private static final String COMPLAINT_KEY = "cases.complaint";
    private static final String ENTERPRISE_KEY = "credit.enterprise";
    private static final String REPORT_KEY = "report.version";
    private static final String VIOLATION_KEY = "credit.violation";
    private static final String RATING_KEY = "credit.rating";

    private final Map<Type, Map<String, Fact>> facts = new HashMap<>();
    private long throughBlock = -1;

    StatisticsState() {
        for (Type t : Type.values()) {
            facts.put(t, new HashMap<>());
        }
    }

    long throughBlock() {
        return throughBlock;
    }

    int size(Type type) {
        return facts.get(type).size();
    }

    void seen(long block) {
        throughBlock = Math.max(throughBlock, block);
    }

    /** The facts of one transaction (none for an event the statistics do not count). */
    List<Fact> derive(LedgerTransactions.Tx tx) {
        List<Fact> out = new ArrayList<>();
        if (tx == null || tx.eventName() == null || !COUNTED.contains(tx.eventName())) {
            return out;
        }
        long b = tx.blockNumber();
        switch (tx.eventName()) {
            case CertificateEvents.CERTIFICATE_ISSUED, CertificateEvents.CERTIFICATE_BATCH_ISSUED ->
                    written(tx, CERTIFICATE_KEY, SkillCertificate.class, c -> out.add(Fact.certificate(c.number(), b,
                            c.claims().region(), c.claims().occupation(), c.claims().level(),
                            c.claims().issueDate().substring(0, 7), c.claims().holderPseudonym())));
            case CertificateEvents.RECOGNITION_DECISION_MADE -> {
                var e = Json.read(tx.payload(), CertificateEvents.RecognitionCaseChanged.class);
                if (e.status() == RecognitionDecision.Status.ACCEPTED || e.status() == RecognitionDecision.Status.REFUSED) {
                    out.add(Fact.recognition(e.caseId(), b, e.targetRegion(), e.status().name(), e.certificateNumber()));
                }
            }
            case CertificateEvents.SUBSIDY_CLAIMED -> written(tx, CLAIM_KEY, SubsidyClaim.class, c -> out.add(
                    Fact.holderActivity(Type.SUBSIDY_CLAIM, c.claimId(), b, c.region(), c.holderPseudonym())));
            case CaseEvents.COMPLAINT_FILED, CaseEvents.COMPLAINT_TRANSFERRED -> written(tx, COMPLAINT_KEY, Complaint.class,
                    c -> out.add(Fact.holderActivity(Type.COMPLAINT, c.id(), b, c.filedRegion(), c.workerPseudonym())));
            case CreditEvents.ENTERPRISE_REGISTERED -> written(tx, ENTERPRISE_KEY, Enterprise.class, e -> {
                Enterprise read = e.withKindRead();
                out.add(Fact.enterprise(read.uscc(), b, read.regionCode(), read.kind().name()));
            });
            case CreditEvents.ENTERPRISE_KIND_CHANGED -> {
                var e = Json.read(tx.payload(), CreditEvents.EnterpriseKindChanged.class);
                out.add(Fact.enterprise(e.uscc(), b, e.regionCode(), e.to().name()));
            }
            case CreditEvents.VIOLATION_RECORDED, CreditEvents.CROSS_REGION_NOTICE_RAISED -> {
                var e = Json.read(tx.payload(), CreditEvents.ViolationRecorded.class);
                Fact enterprise = facts.get(Type.ENTERPRISE).get(e.uscc());
                out.add(Fact.violation(e.violationId(), b, e.fromRegion(), e.type().name(),
                        enterprise == null ? EnterpriseKind.OTHER.name() : enterprise.value()));
            }
            case ObjectionEvents.OBJECTION_DECIDED -> {
                // An objection decided: the violation and the ratings it rewrote, as they now count
                // (docs/objections.md): an annulled violation counts no more (type null), a corrected
                // one with its type now but the enterprise kind it was recorded under; a rating with
                // the level in force, null when annulled (integrity() then takes an earlier year's).
                written(tx, VIOLATION_KEY, Violation.class, v -> {
                    Fact recorded = facts.get(Type.VIOLATION).get(v.id());
                    out.add(Fact.violation(v.id(), b, recorded == null ? v.recordingRegion() : recorded.region(),
                            v.status() == ViolationStatus.ANNULLED ? null : v.type().name(),
                            recorded == null ? EnterpriseKind.OTHER.name() : recorded.ref()));
                });
                written(tx, RATING_KEY, CreditRating.class, r -> out.add(Fact.rating(r.statement().uscc(), b,
                        r.statement().regionCode(), r.statement().year(),
                        r.inForce() ? r.levelInForce().name() : null)));
            }
            case CreditEvents.RATING_RECORDED -> {
                var e = Json.read(tx.payload(), CreditEvents.RatingRecorded.class);
                out.add(Fact.rating(e.uscc(), b, e.regionCode(), e.year(), e.level().name()));
            }
            case ReportEvents.REPORT_FILED, ReportEvents.REPORT_CORRECTED -> {
                var e = Json.read(tx.payload(), ReportEvents.ReportChanged.class);
                written(tx, REPORT_KEY, PlatformReport.class, r -> {
                    if (r.uscc().equals(e.uscc()) && r.period().equals(e.period()) && r.version() == e.version()) {
                        out.add(Fact.report(r.uscc(), b, r.regionCode(), r.period(), r.version(), List.of(r.totalWorkers(),
                                r.newFormWorkers(), r.occupationalInjuries(), r.complaintsReceived())));
                    }
                });
            }
            default -> {
            }
        }
        return out;
    }

    private static <T> void written(LedgerTransactions.Tx tx, String objectType, Class<T> type, java.util.function.Consumer<T> use) {
        for (BlockReader.Write w : tx.writes()) {
            if (w.value() != null && w.objectType().equals(objectType)) {
                use.accept(Json.read(w.value(), type));
            }
        }
    }

    /** Counts a fact; seen again, it changes nothing (a later block or version of a changing record wins). */
    void apply(Fact f) {
        Map<String, Fact> byId = facts.get(f.type());
        String key = switch (f.type()) {
            case RATING -> f.id() + "/" + f.region() + "/" + f.version();
            case REPORT -> f.id() + "/" + f.period();
            default -> f.id();
        };
        Fact old = byId.get(key);
        boolean replace = switch (f.type()) {
            case ENTERPRISE, VIOLATION, RATING -> old == null || f.block() >= old.block();
            case REPORT -> old == null || f.version() >= old.version();
            default -> old == null;
        };
        if (replace) {
            byId.put(key, f);
        }
        seen(f.block());
    }

    // ---- the tables ----

    StatisticsTable table(Table t) {
        return switch (t) {
            case certificates -> certificates();
            case recognitions -> recognitions();
            case mobility -> mobility();
            case violations -> violations();
            case integrity -> integrity();
            case reports -> reports();
        };
    }

    /** The columns of the certificates table: skill levels, the special ability, title grades. */
    static final List<String> CERTIFICATE_COLUMNS = List.of("1", "2", "3", "4", "5", "Z", "T1", "T2", "T3", "T4", "T5");

    /** The certificates table's column of a certificate: its kind (from the number) and level. */
    static String certificateColumn(String number, int level) {
        return switch (CertificateNumber.kindOf(number)) {
            case SKILL_LEVEL -> String.valueOf(level);
            case SPECIAL_ABILITY -> "Z";
            case PROFESSIONAL_TITLE -> "T" + level;
        };
    }

    private StatisticsTable certificates() {
        TreeMap<List<String>, long[]> rows = new TreeMap<>(StatisticsState::compareKeys);
        for (Fact f : facts.get(Type.CERTIFICATE).values()) {
            rows.computeIfAbsent(List.of(f.region(), f.occupation(), f.month()), k -> new long[CERTIFICATE_COLUMNS.size()])
                    [CERTIFICATE_COLUMNS.indexOf(certificateColumn(f.id(), f.level()))]++;
        }
        return counts(Table.certificates, List.of("region", "occupation", "month"), CERTIFICATE_COLUMNS, rows,
                Margins.ROWS_AND_COLUMNS);
    }

    private StatisticsTable recognitions() {
        TreeMap<List<String>, long[]> rows = new TreeMap<>(StatisticsState::compareKeys);
        for (Fact f : facts.get(Type.RECOGNITION).values()) {
            // The kind is read from the certificate number, as everywhere: no fact needs a field for it.
            String kind = CertificateNumber.isValid(f.ref()) ? CertificateNumber.kindOf(f.ref()).name() : "UNKNOWN";
            rows.computeIfAbsent(List.of(f.region(), kind), k -> new long[2])[f.value().equals("ACCEPTED") ? 0 : 1]++;
        }
        return counts(Table.recognitions, List.of("region", "kind"), List.of("GRANTED", "REFUSED"), rows,
                Margins.ROWS_AND_COLUMNS);
    }

    /** The kinds of activity of the mobility table, in its order. */
    static final List<String> ACTIVITIES = List.of("CERTIFICATE", "RECOGNITION", "SUBSIDY_CLAIM", "COMPLAINT", "ANY");

    private StatisticsTable mobility() {
        Map<String, Map<String, Set<String>>> regionsByHolder = new HashMap<>(); // kind -> pseudonym -> regions
        Function<String, Map<String, Set<String>>> kind = k -> regionsByHolder.computeIfAbsent(k, x -> new HashMap<>());
        for (Fact f : facts.get(Type.CERTIFICATE).values()) {
            kind.apply("CERTIFICATE").computeIfAbsent(f.pseudonym(), p -> new TreeSet<>()).add(f.region());
        }
        for (Fact f : facts.get(Type.RECOGNITION).values()) {
            Fact certificate = facts.get(Type.CERTIFICATE).get(f.ref());
            if (certificate != null && f.value().equals("ACCEPTED")) {
                kind.apply("RECOGNITION").computeIfAbsent(certificate.pseudonym(), p -> new TreeSet<>()).add(f.region());
            }
        }
        for (Fact f : facts.get(Type.SUBSIDY_CLAIM).values()) {
            kind.apply("SUBSIDY_CLAIM").computeIfAbsent(f.pseudonym(), p -> new TreeSet<>()).add(f.region());
        }
        for (Fact f : facts.get(Type.COMPLAINT).values()) {
            kind.apply("COMPLAINT").computeIfAbsent(f.pseudonym(), p -> new TreeSet<>()).add(f.region());
        }
        Map<String, Set<String>> any = kind.apply("ANY");
        for (String k : List.of("CERTIFICATE", "RECOGNITION", "SUBSIDY_CLAIM", "COMPLAINT")) {
            kind.apply(k).forEach((p, regions) -> any.computeIfAbsent(p, x -> new TreeSet<>()).addAll(regions));
        }
        TreeMap<List<String>, long[]> rows = new TreeMap<>((a, b) -> ACTIVITIES.indexOf(a.get(0)) - ACTIVITIES.indexOf(b.get(0)));
        for (String k : ACTIVITIES) {
            long[] counts = new long[2];
            kind.apply(k).values().forEach(regions -> counts[regions.size() >= 2 ? 1 : 0]++);
            rows.put(List.of(k), counts);
        }
        return counts(Table.mobility, List.of("activity"), List.of("ONE_REGION", "BOTH_REGIONS"), rows, Margins.ROWS);
    }

    private StatisticsTable violations() {
        List<String> kinds = Arrays.stream(EnterpriseKind.values()).map(Enum::name).toList();
        TreeMap<List<String>, long[]> rows = new TreeMap<>(StatisticsState::compareKeys);
        for (Fact f : facts.get(Type.VIOLATION).values()) {
            if (f.value() == null) {
                continue; // annulled on an objection
            }
            rows.computeIfAbsent(List.of(f.value(), f.region()), k -> new long[kinds.size()])[kinds.indexOf(f.ref())]++;
        }
        return counts(Table.violations, List.of("type", "region"), kinds, rows, Margins.ROWS_AND_COLUMNS);
    }

    private StatisticsTable integrity() {
        List<String> levels = Arrays.stream(CreditLevel.values()).map(Enum::name).toList();
        TreeMap<List<String>, long[]> rows = new TreeMap<>(StatisticsState::compareKeys);
        // Per enterprise and rating region, the latest year with a rating in force (one annulled on an objection is not).
        Map<String, Fact> latest = new HashMap<>();
        for (Fact f : facts.get(Type.RATING).values()) {
            if (f.value() != null) {
                latest.merge(f.id() + "/" + f.region(), f, (a, c) -> c.version() > a.version() ? c : a);
            }
        }
        for (Fact f : latest.values()) {
            rows.computeIfAbsent(List.of(f.region()), k -> new long[levels.size()])[levels.indexOf(f.value())]++;
        }
        return counts(Table.integrity, List.of("region"), levels, rows, Margins.ROWS_AND_COLUMNS);
    }

    /** The report measures: the count of reports, then the sums. */
    static final List<String> REPORT_MEASURES = List.of("reports", "totalWorkers", "newFormWorkers", "occupationalInjuries",
            "complaintsReceived");

    /**
     * Each measure is a table of quarters (rows) by registering region (columns) with the
     * quarter's total (ALL) published: a sum over fewer than five reports is suppressed, as is
     * any sum of 1 to 4, and a second region where that alone would reveal it.
     */
    private StatisticsTable reports() {
        TreeSet<String> regions = new TreeSet<>();
        TreeMap<String, Map<String, long[]>> byPeriod = new TreeMap<>();
        for (Fact f : facts.get(Type.REPORT).values()) {
            regions.add(f.region());
            long[] sums = byPeriod.computeIfAbsent(f.period(), p -> new HashMap<>()).computeIfAbsent(f.region(), r -> new long[5]);
            sums[0]++;
            for (int k = 0; k < 4; k++) {
                sums[k + 1] += f.amounts().get(k);
            }
        }
        List<String> regionList = List.copyOf(regions);
        List<String> periods = List.copyOf(byPeriod.keySet());
        int m = periods.size();
        int n = regionList.size();
        String[][][] shown = new String[REPORT_MEASURES.size()][][];
        Mark[][] reportMarks = null;
        for (int k = 0; k < REPORT_MEASURES.size(); k++) {
            long[][] cells = new long[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long[] sums = byPeriod.get(periods.get(i)).get(regionList.get(j));
                    cells[i][j] = sums == null ? 0 : sums[k];
                }
            }
            boolean[][] forced = null;
            if (reportMarks != null) {
                forced = new boolean[m][n + 1];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j <= n; j++) {
                        forced[i][j] = reportMarks[i][j] != Mark.SHOWN;
                    }
                }
            }
            Mark[][] marks = Suppression.apply(cells, n, Margins.ROWS, forced);
            long[][] x = Suppression.extended(cells, n, Margins.ROWS);
            if (k == 0) {
                reportMarks = marks;
            }
            shown[k] = new String[m][n + 1];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= n; j++) {
                    shown[k][i][j] = StatisticsTable.show(x[i][j], marks[i][j]);
                }
            }
        }
        List<StatisticsTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= n; j++) {
                List<String> cells = new ArrayList<>();
                for (int k = 0; k < REPORT_MEASURES.size(); k++) {
                    cells.add(shown[k][i][j]);
                }
                rows.add(new StatisticsTable.Row(List.of(periods.get(i), j < n ? regionList.get(j) : "ALL"), cells, null));
            }
        }
        return new StatisticsTable(Table.reports.name(), Table.reports.description, List.of("period", "region"),
                REPORT_MEASURES, false, rows, null, Suppression.THRESHOLD, throughBlock);
    }

    private StatisticsTable counts(Table t, List<String> keyColumns, List<String> columns, TreeMap<List<String>, long[]> data,
                                   Margins margins) {
        List<List<String>> keys = List.copyOf(data.keySet());
        long[][] cells = data.values().toArray(long[][]::new);
        int n = columns.size();
        long[][] x = Suppression.extended(cells, n, margins);
        Mark[][] marks = Suppression.apply(cells, n, margins);
        List<StatisticsTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            rows.add(row(keys.get(i), x[i], marks[i], n));
        }
        StatisticsTable.Row totals = null;
        if (margins == Margins.ROWS_AND_COLUMNS) {
            List<String> totalKeys = new ArrayList<>();
            for (int k = 0; k < keyColumns.size(); k++) {
                totalKeys.add("TOTAL");
            }
            totals = row(totalKeys, x[keys.size()], marks[keys.size()], n);
        }
        return new StatisticsTable(t.name(), t.description, keyColumns, columns, true, rows, totals, Suppression.THRESHOLD,
                throughBlock);
    }

    private static StatisticsTable.Row row(List<String> keys, long[] x, Mark[] marks, int n) {
        List<String> cells = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            cells.add(StatisticsTable.show(x[j], marks[j]));
        }
        return new StatisticsTable.Row(keys, cells, StatisticsTable.show(x[n], marks[n]));
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
