package cn.cdcq.registry.client.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The ratios of a run against the targets, and the Markdown page of a run. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ratios(Map<String, Object> result) {
        List<Map<String, Object>> runs = (List<Map<String, Object>>) result.get("runs");
        List<Map<String, Object>> out = new ArrayList<>();
        double put = best(runs, "single issue", "raw put", 0);
        out.add(ratio("single issue / raw put (tx/s, best over in-flight)", best(runs, "single issue", "registry", 0),
                put, 0.8, "tx/s"));
        for (int size : batchSizes(runs)) {
            double cert = best(runs, "batch issue", "registry", size);
            out.add(ratio("batch issue / raw putMany, batches of " + size + " (records/s)", cert,
                    best(runs, "batch issue", "raw putMany", size), 0.7, "records/s"));
            Map<String, Object> abs = new LinkedHashMap<>();
            abs.put("what", "batch issue of " + size + ", committed certificates/s (target >= 3,000)");
            abs.put("registry", ProcessSampler.round1(cert));
            abs.put("target", 3000);
            abs.put("met", cert >= 3000);
            out.add(abs);
        }
        double get = best(runs, "verification through the peer", "raw get", 0);
        out.add(ratio("verification through the peer / raw get (req/s)", best(runs, "verification through the peer",
                "registry", 0), get, 0.8, "req/s"));
        out.add(ratio("verification through REST (max) / raw get (req/s)", best(runs, "verification through REST",
                "registry (max)", 0), get, 0.5, "req/s"));
        runs.stream().filter(r -> r.get("system").equals("registry at 50 % of max")).findFirst().ifPresent(r -> {
            Map<String, Object> p99 = new LinkedHashMap<>();
            p99.put("what", "REST verification p99 at half load, ms (target < 50)");
            p99.put("registry", r.get("p99Ms"));
            p99.put("target", 50);
            p99.put("met", ((Number) r.get("p99Ms")).doubleValue() < 50);
            out.add(p99);
        });
        Map<String, Object> jmh = (Map<String, Object>) result.get("jmh");
        if (jmh != null && jmh.get("offlineBatchCertificate") != null) {
            out.add(ratio("offline verification of a batch-signed certificate / bare P-256 verify (ops/s, JMH)",
                    ((Number) jmh.get("offlineBatchCertificate")).doubleValue(),
                    ((Number) jmh.get("bareP256Verify")).doubleValue(), 0.8, "ops/s"));
        }
        return out;
    }

    private static Map<String, Object> ratio(String what, double registry, double raw, double target, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        double r = raw > 0 ? registry / raw : Double.NaN;
        m.put("what", what);
        m.put("registry", ProcessSampler.round1(registry));
        m.put("raw", ProcessSampler.round1(raw));
        m.put("unit", unit);
        m.put("ratio", Math.round(r * 100) / 100.0);
        m.put("target", target);
        m.put("met", r >= target);
        return m;
    }

    private static List<Integer> batchSizes(List<Map<String, Object>> runs) {
        return runs.stream().filter(r -> r.get("phase").equals("batch issue")).map(r -> (Integer) r.get("batchSize"))
                .distinct().toList();
    }

    /** The best records/s of a phase and system (any batch size when {@code size} is 0). */
    private static double best(List<Map<String, Object>> runs, String phase, String system, int size) {
        return runs.stream().filter(r -> r.get("phase").equals(phase) && r.get("system").equals(system)
                        && (size == 0 || Objects.equals(r.get("batchSize"), size)))
                .mapToDouble(r -> ((Number) r.get("recordsPerSecond")).doubleValue()).max().orElse(0);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> result) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) result.get("machine");
        md.append("# Benchmark ").append(result.get("label")).append(" (").append(result.get("mode")).append(", ")
                .append(result.get("startedAt")).append(")\n\n");
        md.append("Machine: ").append(machine.get("cores")).append(" cores, ").append(machine.get("cpu")).append(", ")
                .append(machine.get("memTotal")).append(", load average at start ").append(machine.get("loadAverageAtStart"))
                .append(", ").append(machine.get("jvm")).append(". Network: ").append(result.get("network")).append(".\n\n");
        md.append("Record bytes: ").append(result.get("recordBytes")).append("\n\n");
        md.append("| what | registry | raw | ratio | target | met |\n|---|---:|---:|---:|---:|:---:|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) result.get("ratios")) {
            md.append("| ").append(r.get("what")).append(" | ").append(r.get("registry")).append(" | ")
                    .append(r.getOrDefault("raw", "")).append(" | ").append(r.getOrDefault("ratio", "")).append(" | ")
                    .append(r.get("target")).append(" | ").append(Boolean.TRUE.equals(r.get("met")) ? "yes" : "no").append(" |\n");
        }
        md.append("\n| phase | system | in flight | batch | records/s | p50 ms | p90 ms | p99 ms | failed | busiest processes (CPU % of a core, RSS MB) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) result.get("runs")) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.get("phase"),
                    r.get("system"), r.get("inFlight"), r.get("batchSize"), r.get("recordsPerSecond"), r.get("p50Ms"),
                    r.get("p90Ms"), r.get("p99Ms"), r.get("failures"), busiest((Map<String, Map<String, Double>>) r.get("processes"))));
        }
        Map<String, Object> jmh = (Map<String, Object>) result.get("jmh");
        md.append("\nJMH (same JVM, ops/s): ").append(jmh).append("\n");
        Map<String, Map<String, Double>> last = (Map<String, Map<String, Double>>)
                ((List<Map<String, Object>>) result.get("runs")).get(((List<?>) result.get("runs")).size() - 1).get("processes");
        double rss = last.values().stream().mapToDouble(v -> v.get("rssMb")).filter(d -> !Double.isNaN(d)).sum();
        md.append(String.format(Locale.ROOT, "%nResident memory at the end, all processes incl. the load generator: %.0f MB%n", rss));
        return md.toString();
    }

    private static String busiest(Map<String, Map<String, Double>> processes) {
        return processes.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().get("cpuPercent"), a.getValue().get("cpuPercent")))
                .limit(4).map(e -> e.getKey() + " " + e.getValue().get("cpuPercent").intValue() + "% "
                        + e.getValue().get("rssMb").intValue() + "MB").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
