package cn.cdcq.registry.client.bench;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.VerificationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The scale run of scripts/bench.sh --scale N. {@code -Dbench.phase=load}: loads N certificates
 * in batches with a progress bar, resumable (DATA/scale.progress records every committed batch;
 * a batch sent but not recorded is found on the ledger when sent again); after the first 1,000 it
 * measures verification latency and the ledger's size once. {@code -Dbench.phase=measure} (after
 * bench.sh restarted everything): verification latency at N, ledger bytes per certificate and
 * the start-up time, written to DATA/scale-results.json and .data/bench-results/scale-N.md.
 */
public final class ScaleRun {

    private static final int SAMPLES = 200;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("bench.data"));
        long total = Long.getLong("bench.scale", 1_000_000);
        Path progress = data.resolve("scale.progress");
        int batch = Integer.getInteger("bench.batch", 1000);
        int site;
        Set<Long> done = new TreeSet<>();
        if (Files.exists(progress)) {
            List<String> lines = Files.readAllLines(progress);
            String[] head = lines.get(0).split(" ");
            site = Integer.parseInt(head[0].substring("site=".length()));
            batch = Integer.parseInt(head[1].substring("batch=".length()));
            lines.stream().skip(1).filter(l -> !l.isBlank()).map(Long::parseLong).forEach(done::add);
        } else {
            site = (int) ((System.currentTimeMillis() / 1000) % 1_000_000);
            Files.writeString(progress, "site=" + site + " batch=" + batch + "\n");
        }
        try (BenchLedger ledger = new BenchLedger(Path.of(System.getProperty("bench.network")), site)) {
            ScaleRun run = new ScaleRun(ledger, data, batch, progress, done);
            if ("measure".equals(System.getProperty("bench.phase"))) {
                run.measure(total, Double.parseDouble(System.getProperty("bench.startupSeconds", "NaN")));
            } else {
                run.load(total, Integer.getInteger("bench.inFlight", 4));
            }
        }
        System.exit(0);
    }

    private final BenchLedger ledger;
    private final Path data;
    private final int batch;
    private final Path progress;
    private final Set<Long> done;
    private final String restBase;
    private final String authorization;

    private ScaleRun(BenchLedger ledger, Path data, int batch, Path progress, Set<Long> done) throws IOException {
        this.ledger = ledger;
        this.data = data;
        this.batch = batch;
        this.progress = progress;
        this.done = done;
        Properties services = new Properties();
        try (var r = Files.newBufferedReader(data.resolve("services.properties"))) {
            services.load(r);
        }
        restBase = services.getProperty("chengdu.url");
        authorization = ServiceCredentials.basic(services, "chengdu");
    }

    private void load(long total, int inFlight) throws Exception {
        long batches = (total + batch - 1) / batch;
        Path first = data.resolve("scale-at-1000.json");
        long firstBatches = Math.max(1, (1000 + batch - 1) / batch);
        if (!Files.exists(first)) {
            for (long b = 0; b < Math.min(firstBatches, batches); b++) {
                if (!done.contains(b)) {
                    issue(b);
                    record(b);
                }
            }
            ledger.awaitCommitOnBothPeers();
            Map<String, Object> at = latency(Math.min(firstBatches, batches) * batch);
            at.put("ledger", ledgerBytes());
            Files.writeString(first, JSON.writeValueAsString(at));
            System.err.println("at " + at.get("certificates") + " certificates: " + at);
        }
        ConcurrentLinkedQueue<Long> todo = new ConcurrentLinkedQueue<>();
        for (long b = 0; b < batches; b++) {
            if (!done.contains(b)) {
                todo.add(b);
            }
        }
        long already = (batches - todo.size()) * (long) batch;
        AtomicLong loaded = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            workers.add(pool.submit(() -> {
                for (Long b; (b = todo.poll()) != null; ) {
                    issue(b);
                    record(b);
                    loaded.addAndGet(batch);
                    bar(already + loaded.get(), batches * batch, loaded.get(), start);
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        bar(already + loaded.get(), batches * batch, loaded.get(), start);
        System.err.println();
    }

    /** Issues batch {@code b}, retrying what a busy network refuses; a batch already on the ledger counts as done. */
    private void issue(long b) throws InterruptedException {
        List<CertificateClaims> claims = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            claims.add(ledger.claims(b * batch + i));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.center.issueBatch(ledger.issuer.signBatch(claims));
                return;
            } catch (LedgerException e) {
                if ("ALREADY_EXISTS".equals(e.code()) && alreadyOnLedger(claims)) {
                    return;
                }
                if (attempt >= 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    private boolean alreadyOnLedger(List<CertificateClaims> claims) {
        try {
            ledger.center.certificate(claims.get(0).number());
            ledger.center.certificate(claims.get(claims.size() - 1).number());
            return true;
        } catch (LedgerException e) {
            return false;
        }
    }

    private synchronized void record(long b) throws IOException {
        try (FileChannel ch = FileChannel.open(progress, StandardOpenOption.APPEND)) {
            ch.write(StandardCharsets.UTF_8.encode(b + "\n"));
            ch.force(true);
        }
        done.add(b);
    }

    private static synchronized void bar(long now, long total, long thisRun, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = thisRun / Math.max(0.001, seconds);
        int width = 40;
        int filled = (int) (width * now / Math.max(1, total));
        System.err.printf("\r[%s%s] %,d / %,d certificates, %.0f/s, ETA %.0f s   ", "#".repeat(filled),
                ".".repeat(width - filled), now, total, rate, rate > 0 ? (total - now) / rate : Double.NaN);
    }

    private void measure(long total, double startupSeconds) throws Exception {
        long batches = (total + batch - 1) / batch;
        long missing = batches - done.size();
        if (missing > 0) {
            throw new IllegalStateException(missing + " batches are not loaded yet: run scripts/bench.sh --scale " + total + " again");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Machine.describe());
        result.put("measuredAt", Instant.now().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> at1000 = JSON.readValue(data.resolve("scale-at-1000.json").toFile(), Map.class);
        Map<String, Object> atN = latency(batches * batch);
        Map<String, Long> bytesN = ledgerBytes();
        atN.put("ledger", bytesN);
        result.put("atStart", at1000);
        result.put("atScale", atN);
        @SuppressWarnings("unchecked")
        Map<String, Number> bytes1000 = (Map<String, Number>) at1000.get("ledger");
        long certs = batches * batch - ((Number) at1000.get("certificates")).longValue();
        Map<String, Object> perCert = new LinkedHashMap<>();
        for (String k : bytesN.keySet()) {
            perCert.put(k, certs <= 0 ? null : Math.round((bytesN.get(k) - bytes1000.get(k).longValue()) / (double) certs));
        }
        result.put("ledgerBytesPerCertificatePerPeer", perCert);
        result.put("startupToReadySeconds", startupSeconds);
        double peerRatio = ((Number) atN.get("peerP50Ms")).doubleValue() / ((Number) at1000.get("peerP50Ms")).doubleValue();
        double restRatio = ((Number) atN.get("restP50Ms")).doubleValue() / ((Number) at1000.get("restP50Ms")).doubleValue();
        result.put("peerP50Ratio", Math.round(peerRatio * 100) / 100.0);
        result.put("restP50Ratio", Math.round(restRatio * 100) / 100.0);
        Files.writeString(data.resolve("scale-results.json"), JSON.writeValueAsString(result));
        Path results = data.getParent().resolve("bench-results");
        Files.createDirectories(results);
        String md = "# Scale run: " + String.format("%,d", batches * batch) + " certificates\n\n"
                + "Machine: " + result.get("machine") + "\n\n"
                + "| | at " + at1000.get("certificates") + " | at " + atN.get("certificates") + " | ratio |\n|---|---:|---:|---:|\n"
                + "| verification through the peer, p50 ms | " + at1000.get("peerP50Ms") + " | " + atN.get("peerP50Ms") + " | " + result.get("peerP50Ratio") + " |\n"
                + "| verification through the peer, p99 ms | " + at1000.get("peerP99Ms") + " | " + atN.get("peerP99Ms") + " | |\n"
                + "| verification through REST, p50 ms | " + at1000.get("restP50Ms") + " | " + atN.get("restP50Ms") + " | " + result.get("restP50Ratio") + " |\n"
                + "| verification through REST, p99 ms | " + at1000.get("restP99Ms") + " | " + atN.get("restP99Ms") + " | |\n\n"
                + "Ledger bytes per certificate, per peer (growth from the first 1,000 to the end): " + perCert + "\n\n"
                + "Ledger at the end, per peer: " + bytesN + "\n\n"
                + "Start-up from stopped to ready (network, chaincode, both services) with this ledger: " + startupSeconds + " s\n";
        Files.writeString(results.resolve("scale-" + batches * batch + ".md"), md);
        System.out.println(md);
    }

    /** Lone verification latency through Chengdu's peer and through Chengdu's REST endpoint, over loaded certificates. */
    private Map<String, Object> latency(long loaded) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Latencies peer = new Latencies();
        Latencies rest = new Latencies();
        // Distinct certificates, so the service's answer cache never serves a repeat: this measures the ledger.
        java.util.Set<Long> picked = new java.util.HashSet<>();
        for (int i = 0; i < SAMPLES + 30; i++) {
            long n;
            do {
                n = ThreadLocalRandom.current().nextLong(loaded);
            } while (!picked.add(n) && picked.size() < loaded);
            String number = ledger.number(n);
            long t = System.nanoTime();
            VerificationReport report = ledger.reader.verify(number);
            long p = System.nanoTime() - t;
            if (!VerificationReport.VALID.equals(report.verdict())) {
                throw new IllegalStateException(number + " verified " + report.verdict());
            }
            t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restBase + "/api/v1/public/certificates/"
                    + number + "/verification")).header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long h = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("REST verification of " + number + ": HTTP " + r.statusCode());
            }
            if (i >= 30) { // the first 30 warm both paths up
                peer.add(p);
                rest.add(h);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("certificates", loaded);
        m.put("peerP50Ms", ProcessSampler.round1(peer.percentileMillis(50)));
        m.put("peerP99Ms", ProcessSampler.round1(peer.percentileMillis(99)));
        m.put("restP50Ms", ProcessSampler.round1(rest.percentileMillis(50)));
        m.put("restP99Ms", ProcessSampler.round1(rest.percentileMillis(99)));
        return m;
    }

    /** Bytes of Chengdu's peer's block files, state database and history database. */
    private Map<String, Long> ledgerBytes() throws IOException {
        Path root = data.resolve("peers/peer0-chengdu/ledger/ledgersData");
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("blocks", size(root.resolve("chains")));
        m.put("state", size(root.resolve("stateLeveldb")));
        m.put("history", size(root.resolve("historyLeveldb")));
        m.put("total", m.values().stream().mapToLong(Long::longValue).sum());
        return m;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
