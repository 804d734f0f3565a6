package cn.cdcq.registry.client.cli.batch;

import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.common.crypto.Hashes;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk submission from a CSV, all or nothing at validation and idempotent at submission:
 * <ol>
 *   <li>every row is validated first; if any is invalid, each is reported with its line and
 *       reason and nothing at all is submitted;</li>
 *   <li>the rows go in batches whose ids are derived from the CSV's content and the batch's
 *       size and index ({@code sha256(csv)[0..16]-size-index}), so the same file always makes the same batch
 *       ids and the ledger can refuse a batch it has already taken;</li>
 *   <li>each submitted batch id is appended (and forced to disk) to a progress file, so a run
 *       that was interrupted resumes with the first batch not recorded; a batch that the service
 *       reports as {@code ALREADY_EXISTS} (submitted, but the answer was lost) counts as done.</li>
 * </ol>
 * A feature plugs in a {@link Validator} and a {@link Submitter}; progress shows on stderr.
 */
public final class BatchImport<T> {

    /** Turns a row into an item, or throws {@link InvalidRow} saying what is wrong with it. */
    public interface Validator<T> {
        T validate(CsvRows.Row row) throws InvalidRow;
    }

    /** Submits one batch under its id; throws {@link AlreadySubmitted} if the ledger already has that id. */
    public interface Submitter<T> {
        void submit(String batchId, List<T> items) throws AlreadySubmitted;
    }

    /** A row that cannot be submitted; the message says why and what to do. */
    public static final class InvalidRow extends Exception {
        public InvalidRow(String reason) {
            super(reason);
        }
    }

    /** The batch was submitted before (e.g. the answer was lost); nothing more to do for it. */
    public static final class AlreadySubmitted extends Exception {
        public AlreadySubmitted(String message) {
            super(message);
        }
    }

    /** What a run did. {@code invalid} non-empty means nothing was submitted. */
    public record Result(List<String> invalid, int batches, int submitted, int skippedAsDone, int alreadyOnLedger) {
        public boolean ok() {
            return invalid.isEmpty();
        }
    }

    private final Validator<T> validator;
    private final Submitter<T> submitter;
    private final int batchSize;
    private final int inFlight;
    private final PrintStream progress;

    public BatchImport(Validator<T> validator, Submitter<T> submitter, int batchSize, PrintStream progress) {
        this(validator, submitter, batchSize, 1, progress);
    }

    /**
     * With {@code inFlight} batches submitted at once (the submitter must then be thread-safe):
     * a batch waits for its commit mostly idle, so several in flight keep the network busy.
     */
    public BatchImport(Validator<T> validator, Submitter<T> submitter, int batchSize, int inFlight, PrintStream progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("batches in flight must be at least 1");
        }
        this.validator = validator;
        this.submitter = submitter;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.progress = progress;
    }

    /**
     * The id of batch {@code index} (from 0) of a CSV with these bytes cut into batches of
     * {@code batchSize}: a resumed run with another batch size has other ids, so it never takes a
     * batch of the earlier run for one of its own.
     */
    public static String batchId(byte[] csv, int batchSize, int index) {
        return Hashes.sha256Hex(csv).substring(0, 16) + "-" + batchSize + "-" + index;
    }

    public Result run(Path csv, Path progressFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        List<CsvRows.Row> rows = CsvRows.parse(new String(bytes, StandardCharsets.UTF_8));
        List<T> items = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (CsvRows.Row row : rows) {
            try {
                items.add(validator.validate(row));
            } catch (InvalidRow e) {
                invalid.add("line " + row.line() + ": " + e.getMessage());
            }
        }
        int batches = (items.size() + batchSize - 1) / batchSize;
        if (!invalid.isEmpty()) {
            return new Result(List.copyOf(invalid), batches, 0, 0, 0);
        }
        Set<String> done = readProgress(progressFile);
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger onLedger = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressBar bar = new ProgressBar(progress, items.size());
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try (FileChannel log = FileChannel.open(progressFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                String id = batchId(bytes, batchSize, b);
                List<T> chunk = items.subList(b * batchSize, Math.min(items.size(), (b + 1) * batchSize));
                sent.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null; // after a failure nothing new starts: the run stops and resumes later
                    }
                    if (done.contains(id)) {
                        skipped.incrementAndGet();
                    } else {
                        try {
                            submitter.submit(id, chunk);
                            submitted.incrementAndGet();
                        } catch (AlreadySubmitted e) {
                            onLedger.incrementAndGet();
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                        synchronized (log) {
                            log.write(StandardCharsets.UTF_8.encode(id + "\n"));
                            log.force(false);
                        }
                    }
                    synchronized (bar) {
                        bar.advance(chunk.size(), finished.incrementAndGet(), batches);
                    }
                    return null;
                }));
            }
            // The first failure stops what has not started (those tasks see the flag and return);
            // batches already in flight finish and are recorded. Every task ends, so waiting for all is safe.
            Throwable first = null;
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                }
            }
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first != null) {
                throw new UncheckedIOException(first instanceof IOException io ? io : new IOException(first));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the progress file " + progressFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting batches", e);
        } finally {
            pool.shutdownNow();
        }
        bar.finish();
        return new Result(List.of(), batches, submitted.get(), skipped.get(), onLedger.get());
    }

    private static Set<String> readProgress(Path file) {
        if (!Files.exists(file)) {
            return new HashSet<>();
        }
        try {
            Set<String> ids = new HashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the progress file " + file, e);
        }
    }
}
