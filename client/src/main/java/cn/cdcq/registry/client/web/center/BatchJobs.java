package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.client.certificate.CertificateIssuance;
import cn.cdcq.registry.client.certificate.IssueResults.BatchIssue;
import cn.cdcq.registry.client.certificate.IssueResults.IssuedCertificate;
import cn.cdcq.registry.client.certificate.NewCertificate;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.web.PageProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A validated CSV batch committing in the background while the clerk's page shows its progress.
 * The rows go in chunks, each one {@link CertificateIssuance#issueBatch} (the same call the REST
 * API's batch endpoint makes: one signature and one transaction per chunk), so the bar moves as
 * chunks commit. A chunk answered busy or lost to a concurrent transaction is sent again (the
 * issue is idempotent: a chunk already on the ledger is answered with its salts).
 */
@Component
public class BatchJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BatchJobs.class);
    /** At most this many certificates per transaction (the CLI's default chunk). */
    static final int MAX_CHUNK = 500;
    /** Small batches still show progress: about this many steps. */
    static final int STEPS = 10;
    private static final int ATTEMPTS = 4;

    public enum State { RUNNING, DONE, FAILED }

    /** A job as its progress page sees it. */
    public static final class Job {
        final String id;
        final String account;
        final int total;
        volatile int committed;
        volatile State state = State.RUNNING;
        volatile PageProblems.Shown problem;
        volatile String handoutId;

        Job(String id, String account, int total) {
            this.id = id;
            this.account = account;
            this.total = total;
        }

        public String id() { return id; }
        public int total() { return total; }
        public int committed() { return committed; }
        public State state() { return state; }
        public PageProblems.Shown problem() { return problem; }
        public String handoutId() { return handoutId; }
    }

    private final CertificateIssuance issuance;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "page-batch");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();

    public BatchJobs(CertificateIssuance issuance) {
        this.issuance = issuance;
    }

    /**
     * Starts committing {@code rows} as {@code account}. {@code whenDone} gets every issued
     * certificate (in row order) with the batch ids and returns the hand-out's id;
     * {@code explain} turns a refusal into what the page shows.
     */
    public Job start(String account, List<NewCertificate> rows, java.util.function.BiFunction<List<IssuedCertificate>, List<String>, String> whenDone,
                     Function<RuntimeException, PageProblems.Shown> explain) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        Job job = new Job(HexFormat.of().formatHex(bytes), account, rows.size());
        jobs.put(job.id, job);
        workers.submit(() -> run(job, rows, whenDone, explain));
        return job;
    }

    public Optional<Job> find(String id, String account) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.account.equals(account));
    }

    static int chunkSize(int rows) {
        return Math.max(1, Math.min(MAX_CHUNK, (rows + STEPS - 1) / STEPS));
    }

    private void run(Job job, List<NewCertificate> rows, java.util.function.BiFunction<List<IssuedCertificate>, List<String>, String> whenDone,
                     Function<RuntimeException, PageProblems.Shown> explain) {
        List<IssuedCertificate> issued = new ArrayList<>(rows.size());
        List<String> batchIds = new ArrayList<>();
        int size = chunkSize(rows.size());
        try {
            for (int from = 0; from < rows.size(); from += size) {
                BatchIssue answer = send(job.account, rows.subList(from, Math.min(rows.size(), from + size)));
                issued.addAll(answer.certificates());
                for (int i = 0; i < answer.certificates().size(); i++) {
                    batchIds.add(answer.batchId());
                }
                job.committed = issued.size();
            }
            job.handoutId = whenDone.apply(issued, batchIds);
            job.state = State.DONE;
        } catch (RuntimeException e) {
            log.warn("page batch {} stopped after {} of {} certificates: {}", job.id, job.committed, job.total, e.toString());
            job.problem = explain.apply(e);
            if (!issued.isEmpty()) {
                // What committed is on the ledger: its certificates and salts are handed out all the same.
                job.handoutId = whenDone.apply(issued, batchIds);
            }
            job.state = State.FAILED;
        }
    }

    private BatchIssue send(String account, List<NewCertificate> chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                return issuance.issueBatch(account, chunk);
            } catch (LedgerException e) {
                boolean retry = e.unavailable() || LedgerException.MVCC_CONFLICT.equals(e.code());
                if (!retry || attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
