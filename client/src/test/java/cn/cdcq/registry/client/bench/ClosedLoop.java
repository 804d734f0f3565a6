package cn.cdcq.registry.client.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code inFlight} workers, each sending its next operation when the last one
 * came back. Operations that finish during the warm-up are not counted; an operation counts only
 * if it succeeded (for a submit: committed valid) and finished inside the measured window. With a
 * rate, workers follow a fixed schedule instead (open loop, for latency at a given load), and
 * latency runs from the scheduled start, so a backlog shows as latency rather than hiding.
 */
final class ClosedLoop {

    /** One unit of work; returns how many records it carried (1 for a single call). */
    @FunctionalInterface
    interface Operation {
        int run(int worker, long sequence) throws Exception;
    }

    /** What one run measured. */
    record Outcome(int inFlight, double seconds, long operations, long records, long failures, Latencies latencies,
                   String firstFailure) {
        double operationsPerSecond() {
            return operations / seconds;
        }

        double recordsPerSecond() {
            return records / seconds;
        }
    }

    private ClosedLoop() {
    }

    static Outcome run(int inFlight, double warmupSeconds, double measureSeconds, Operation op) throws Exception {
        return run(inFlight, warmupSeconds, measureSeconds, 0, op);
    }

    /** As {@link #run(int, double, double, Operation)}; with {@code ratePerSecond > 0}, paced at that rate. */
    static Outcome run(int inFlight, double warmupSeconds, double measureSeconds, double ratePerSecond, Operation op)
            throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureTo = measureFrom + (long) (measureSeconds * 1e9);
        AtomicLong operations = new AtomicLong();
        AtomicLong records = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicLong slots = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latencies latencies = new Latencies();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < inFlight; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    while (true) {
                        long began;
                        if (ratePerSecond > 0) {
                            began = start + (long) (slots.getAndIncrement() * 1e9 / ratePerSecond);
                            long wait = began - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        } else {
                            began = System.nanoTime();
                        }
                        if (began >= measureTo) {
                            return null;
                        }
                        int carried;
                        try {
                            carried = op.run(worker, sequence.getAndIncrement());
                        } catch (Exception e) {
                            long end = System.nanoTime();
                            if (end >= measureFrom && end <= measureTo) {
                                failures.incrementAndGet();
                            }
                            firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                            continue;
                        }
                        long end = System.nanoTime();
                        if (end >= measureFrom && end <= measureTo) {
                            operations.incrementAndGet();
                            records.addAndGet(carried);
                            latencies.add(end - began);
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(inFlight, measureSeconds, operations.get(), records.get(), failures.get(), latencies,
                firstFailure.get());
    }
}
