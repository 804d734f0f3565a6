package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.format.Uscc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Speed of the real network, measured (docs/design.md §7: a benchmark harness, never a timed test).
 * Run by scripts/bench.sh against a network it starts: lone evaluate latency, lone submit
 * latency (endorsed by both regions, ordered, committed), and submit throughput with
 * concurrent clients. Bounded in count and time; talks only to the 127.0.0.1 network.
 */
public final class LedgerBenchmark {

    public static void main(String[] args) throws Exception {
        int lone = Integer.getInteger("bench.lone", 100);
        int threads = Integer.getInteger("bench.threads", 16);
        int seconds = Integer.getInteger("bench.seconds", 20);
        try (E2eNetwork net = new E2eNetwork()) {
            net.ensureRegionsRegistered();
            RegionRegistryClient reader = new RegionRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));
            CreditRegistryClient bureau = new CreditRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
            String runTag = Long.toString(System.currentTimeMillis() % 100_000_000L, 31).toUpperCase();

            reader.regions(); // warm-up: connection, chaincode
            long[] evaluate = new long[lone];
            for (int i = 0; i < lone; i++) {
                long t = System.nanoTime();
                reader.regions();
                evaluate[i] = System.nanoTime() - t;
            }
            report("evaluate region:listRegions (Chongqing peer)", evaluate);

            long[] submit = new long[lone];
            for (int i = 0; i < lone; i++) {
                String uscc = uscc(runTag, 0, i);
                long t = System.nanoTime();
                bureau.registerEnterprise(uscc, "Benchmark enterprise " + i, false);
                submit[i] = System.nanoTime() - t;
            }
            report("submit enterprise:registerEnterprise, lone (AND endorsement, committed)", submit);

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CreditRegistryClient> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                RegistryGateway gw = net.gateway(i % 2 == 0 ? "chengdu" : "chongqing", "bureau",
                        i % 2 == 0 ? "chengdu" : "chongqing");
                clients.add(new CreditRegistryClient(gw));
            }
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < deadline) {
                        try {
                            clients.get(worker).registerEnterprise(uscc(runTag, worker + 1, i++), "Load enterprise", false);
                            ok.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("submit throughput, %d clients for %.1f s: %d committed (%.1f tx/s), %d failed%n",
                    threads, elapsed, ok.get(), ok.get() / elapsed, failed.get());
        }
    }

    /** A valid, unique USCC per benchmark run, worker and index. */
    private static String uscc(String runTag, int worker, int i) {
        String body = ("9151" + String.format("%06d", worker * 100_000 + i) + runTag + "0000000").substring(0, 17)
                .replace('I', '1').replace('O', '0').replace('S', '5').replace('V', 'W').replace('Z', '2');
        return body + Uscc.checkCharacter(body);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf("%s: n=%d mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, sorted.length, mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
