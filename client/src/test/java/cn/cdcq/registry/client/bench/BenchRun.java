package cn.cdcq.registry.client.bench;

import cn.cdcq.registry.client.bench.ClosedLoop.Outcome;
import cn.cdcq.registry.client.certificate.CertificateClient.Issued;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One side-by-side run of the registry and the raw reference chaincode on the same network, in
 * the same process and the same minutes, so that their ratio means something even on a busy
 * machine. Writes results.json, ratios.md and PNG plots to the results folder. Run by
 * scripts/bench.sh; {@code -Dbench.mode=smoke} is the seconds-long form scripts/test.sh runs.
 */
public final class BenchRun {

    /** Durations and load levels of one mode. */
    record Plan(double warmup, double measure, int[] singleInFlight, int[] batchSizes, int batchInFlight,
                int[] readInFlight, int restInFlight, boolean jmhShort) {
        static Plan of(String mode) {
            return switch (mode) {
                case "smoke" -> new Plan(1, 2, new int[]{2}, new int[]{100}, 2, new int[]{4}, 4, true);
                case "full" -> new Plan(4, 12, new int[]{1, 4, 16}, new int[]{100, 500, 1000}, 4,
                        new int[]{1, 8, 32}, 32, false);
                default -> throw new IllegalArgumentException("bench.mode must be smoke or full, not '" + mode + "'");
            };
        }
    }

    private final Plan plan;
    private final Path out;
    private final BenchLedger ledger;
    private final Path dataDir;
    private final Properties services = new Properties();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private final AtomicLong serial = new AtomicLong();
    private final List<String> issued = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rawKeys = Collections.synchronizedList(new ArrayList<>());
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    private BenchRun(Plan plan, Path out, BenchLedger ledger, Path dataDir, Path servicesFile) throws IOException {
        this.plan = plan;
        this.out = out;
        this.ledger = ledger;
        this.dataDir = dataDir;
        try (var r = Files.newBufferedReader(servicesFile)) {
            services.load(r);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = System.getProperty("bench.mode", "full");
        Path out = Path.of(required("bench.out"));
        Path data = Path.of(required("bench.data"));
        Files.createDirectories(out);
        int site = (int) ((System.currentTimeMillis() / 1000) % 1_000_000);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", System.getProperty("bench.label", ""));
        result.put("mode", mode);
        result.put("startedAt", Instant.now().toString());
        result.put("machine", Machine.describe());
        result.put("network", Map.of("endorsement", System.getProperty("bench.endorsement", "AND"),
                "orderer", "BatchTimeout 250ms, MaxMessageCount 1000, PreferredMaxBytes 4 MB (network/configtx.yaml.tmpl)"));
        try (BenchLedger ledger = new BenchLedger(Path.of(required("bench.network")), site)) {
            BenchRun run = new BenchRun(Plan.of(mode), out, ledger, data, Path.of(required("bench.services")));
            run.all(result);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("results.json"), mapper.writeValueAsString(result));
        Files.writeString(out.resolve("ratios.md"), Report.markdown(result));
        Charts.write(result, out);
        System.out.println(Report.markdown(result));
        System.out.println("results in " + out);
        System.exit(0); // the gRPC and HTTP clients' threads would keep a JVM alive a while
    }

    private void all(Map<String, Object> result) throws Exception {
        Map<String, Object> sizes = recordSizes();
        result.put("recordBytes", sizes);
        int singleBytes = (int) sizes.get("singleCertificate");
        int batchBytes = (int) sizes.get("batchCertificate");

        for (int n : plan.singleInFlight()) {
            measure("single issue", "registry", n, 1, () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), (w, s) -> {
                long i = serial.getAndIncrement();
                CertificateClaims claims = ledger.claims(i);
                ledger.center.issue(ledger.issuer.sign(claims));
                issued.add(claims.number());
                return 1;
            }));
            measure("single issue", "raw put", n, 1, () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), (w, s) -> {
                String key = rawKey(s);
                ledger.rawWriter.submit(BenchLedger.REFERENCE, "put", key, value(singleBytes, s));
                rawKeys.add(key);
                return 1;
            }));
        }
        for (int size : plan.batchSizes()) {
            int n = plan.batchInFlight();
            measure("batch issue", "registry", n, size, () -> ClosedLoop.run(n, plan.warmup(), plan.measure() * 1.5, (w, s) -> {
                long first = serial.getAndAdd(size);
                List<CertificateClaims> claims = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    claims.add(ledger.claims(first + i));
                }
                CertificateBatchRequest request = ledger.issuer.signBatch(claims);
                ledger.center.issueBatch(request);
                issued.add(claims.get(ThreadLocalRandom.current().nextInt(size)).number());
                return size;
            }));
            measure("batch issue", "raw putMany", n, size, () -> ClosedLoop.run(n, plan.warmup(), plan.measure() * 1.5, (w, s) -> {
                StringBuilder records = new StringBuilder(size * (batchBytes + 40));
                String value = value(batchBytes, s);
                for (int i = 0; i < size; i++) {
                    records.append(rawKey(s * 10_000 + i)).append('\n').append(value).append('\n');
                }
                ledger.rawWriter.submit(BenchLedger.REFERENCE, "putMany", records.toString());
                return size;
            }));
        }
        ledger.awaitCommitOnBothPeers();
        List<String> numbers = List.copyOf(issued);
        List<String> keys = List.copyOf(rawKeys);
        for (int n : plan.readInFlight()) {
            measure("verification through the peer", "registry", n, 1, () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), (w, s) -> {
                VerificationReport report = ledger.reader.verify(pick(numbers));
                if (!VerificationReport.VALID.equals(report.verdict())) {
                    throw new IllegalStateException("certificate " + report.certificateNumber() + " verified " + report.verdict());
                }
                return 1;
            }));
            measure("verification through the peer", "raw get", n, 1, () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), (w, s) -> {
                ledger.rawReader.evaluate(BenchLedger.REFERENCE, "get", pick(keys));
                return 1;
            }));
        }
        restVerification(numbers);
        result.put("runs", runs);
        result.put("jmh", OfflineVerification.run(out, plan.jmhShort()));
        result.put("ratios", Report.ratios(result));
    }

    /** REST: the maximum (closed loop), then paced at half and at 90 % of it. */
    private void restVerification(List<String> numbers) throws Exception {
        String base = services.getProperty("chengdu.url");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String authorization = ServiceCredentials.basic(services, "chengdu");
        ClosedLoop.Operation get = (w, s) -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/public/certificates/" + pick(numbers)
                    + "/verification")).header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"verdict\":\"VALID\"")) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(200, response.body().length())));
            }
            return 1;
        };
        // Warm-up outside any window: the service's first public call enrolls its public reader at the CA.
        for (int i = 0; i < 20; i++) {
            get.run(0, i);
        }
        int n = plan.restInFlight();
        Outcome max = measure("verification through REST", "registry (max)", n, 1,
                () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), get));
        for (double share : new double[]{0.5, 0.9}) {
            double rate = Math.max(1, max.operationsPerSecond() * share);
            measure("verification through REST", "registry at " + Math.round(share * 100) + " % of max", n, 1,
                    () -> ClosedLoop.run(n, plan.warmup(), plan.measure(), rate, get)).operationsPerSecond();
        }
    }

    @FunctionalInterface
    private interface Load {
        Outcome run() throws Exception;
    }

    private Outcome measure(String phase, String system, int inFlight, int batchSize, Load load) throws Exception {
        ProcessSampler sampler = new ProcessSampler(dataDir.resolve("run"));
        Map<String, Long> before = sampler.ticks();
        long t = System.nanoTime();
        Outcome o = load.run();
        double seconds = (System.nanoTime() - t) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("phase", phase);
        row.put("system", system);
        row.put("inFlight", inFlight);
        row.put("batchSize", batchSize);
        row.put("operationsPerSecond", ProcessSampler.round1(o.operationsPerSecond()));
        row.put("recordsPerSecond", ProcessSampler.round1(o.recordsPerSecond()));
        row.put("operations", o.operations());
        row.put("failures", o.failures());
        row.put("p50Ms", ProcessSampler.round1(o.latencies().percentileMillis(50)));
        row.put("p90Ms", ProcessSampler.round1(o.latencies().percentileMillis(90)));
        row.put("p99Ms", ProcessSampler.round1(o.latencies().percentileMillis(99)));
        if (o.firstFailure() != null) {
            row.put("firstFailure", o.firstFailure().substring(0, Math.min(300, o.firstFailure().length())));
        }
        row.put("processes", sampler.usageSince(before, seconds));
        runs.add(row);
        System.out.printf("%-32s %-26s in flight %3d, batch %4d: %8.1f records/s, p50 %7.1f ms, p99 %7.1f ms, %d failed%n",
                phase, system, inFlight, batchSize, o.recordsPerSecond(), o.latencies().percentileMillis(50),
                o.latencies().percentileMillis(99), o.failures());
        return o;
    }

    /** The bytes a certificate writes to world state, single and in a batch (the raw records get the same size). */
    private Map<String, Object> recordSizes() {
        CertificateClaims one = ledger.claims(serial.getAndIncrement());
        Issued<SkillCertificate> single = ledger.center.issue(ledger.issuer.sign(one));
        issued.add(one.number());
        List<CertificateClaims> batch = new ArrayList<>();
        long first = serial.getAndAdd(100);
        for (int i = 0; i < 100; i++) {
            batch.add(ledger.claims(first + i));
        }
        Issued<CertificateBatch> b = ledger.center.issueBatch(ledger.issuer.signBatch(batch));
        ledger.awaitCommitOnBothPeers();
        int batchCertificate = ledger.reader.certificate(batch.get(50).number()) == null ? 0
                : Json.write(ledger.reader.certificate(batch.get(50).number())).length();
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("singleCertificate", Json.write(single.value()).length());
        sizes.put("singleTransaction", single.transactionBytes());
        sizes.put("batchCertificate", batchCertificate);
        sizes.put("batchOf100Transaction", b.transactionBytes());
        issued.add(batch.get(0).number());
        return sizes;
    }

    private String rawKey(long s) {
        return "raw-" + runTag + "-" + s;
    }

    /** A printable value of {@code bytes} characters (no newline: putMany splits on them). */
    private static String value(int bytes, long seed) {
        StringBuilder b = new StringBuilder(bytes);
        String head = Long.toHexString(seed);
        b.append(head);
        while (b.length() < bytes) {
            b.append((char) ('a' + (b.length() * 7 + seed) % 26));
        }
        return b.substring(0, bytes);
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    private static String required(String property) {
        String v = System.getProperty(property, "");
        if (v.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required (scripts/bench.sh sets it)");
        }
        return v;
    }
}
