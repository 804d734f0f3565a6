package cn.cdcq.registry.common.credential;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Offline verifications per CPU-second of one thread (scripts/bench-credentials.sh, after JMH):
 * JMH measures wall-clock throughput, which on a machine shared with other work counts the time
 * the thread waited for a CPU; dividing by the thread's own CPU time instead gives what one core
 * does. Warms up first, then times 5 seconds of CPU for each.
 */
public final class VerificationsPerCpuSecond {

    private VerificationsPerCpuSecond() {
    }

    public static void main(String[] args) {
        CredentialVerifierBenchmark benchmark = new CredentialVerifierBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(benchmark, threads, 3_000_000_000L, false);
        run(benchmark, threads, 10_000_000_000L, true);
    }

    private static void run(CredentialVerifierBenchmark benchmark, ThreadMXBean threads, long cpuNanos, boolean report) {
        for (String which : new String[] {"fullVerification", "proofOnly"}) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long startWall = System.nanoTime();
            long count = 0;
            while (threads.getCurrentThreadCpuTime() - startCpu < cpuNanos / 2) {
                for (int i = 0; i < 50; i++) {
                    if (which.equals("proofOnly") ? !benchmark.proofOnly() : !benchmark.fullVerification().valid()) {
                        throw new IllegalStateException("verification failed during the benchmark");
                    }
                }
                count += 50;
            }
            double cpu = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
            double wall = (System.nanoTime() - startWall) / 1e9;
            if (report) {
                System.out.printf("%-17s %,10.0f per CPU-second of one thread (%,d in %.1f s CPU, %.1f s wall: %.0f %% of a core)%n",
                        which, count / cpu, count, cpu, wall, 100 * cpu / wall);
            }
        }
    }
}
