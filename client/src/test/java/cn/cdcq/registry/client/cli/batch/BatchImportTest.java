package cn.cdcq.registry.client.cli.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchImportTest {

    @TempDir
    Path dir;

    /** A ledger stand-in: refuses a batch id it already has, and can fail once at a chosen batch. */
    static final class FakeLedger implements BatchImport.Submitter<Integer> {
        final Set<String> batches = new HashSet<>();
        final List<Integer> issued = new ArrayList<>();
        int failAt = -1;
        int calls;

        @Override
        public void submit(String batchId, List<Integer> items) throws BatchImport.AlreadySubmitted {
            if (calls++ == failAt) {
                throw new IllegalStateException("connection lost");
            }
            if (!batches.add(batchId)) {
                throw new BatchImport.AlreadySubmitted(batchId);
            }
            issued.addAll(items);
        }
    }

    static final BatchImport.Validator<Integer> LEVEL = row -> {
        String level = row.get("level");
        if (!level.matches("[1-5]")) {
            throw new BatchImport.InvalidRow("level must be 1 to 5, got '" + level + "'");
        }
        return Integer.parseInt(level);
    };

    Path csv(String... levels) throws Exception {
        StringBuilder s = new StringBuilder("name,level\n");
        for (int i = 0; i < levels.length; i++) {
            s.append("row").append(i).append(',').append(levels[i]).append('\n');
        }
        Path file = dir.resolve("batch.csv");
        Files.writeString(file, s.toString());
        return file;
    }

    BatchImport<Integer> importer(FakeLedger ledger) {
        return new BatchImport<>(LEVEL, ledger, 2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void anyInvalidRowIsReportedWithItsLineAndNothingIsSubmitted() throws Exception {
        FakeLedger ledger = new FakeLedger();
        BatchImport.Result result = importer(ledger).run(csv("5", "9", "3", "x"), dir.resolve("progress"));
        assertThat(result.ok()).isFalse();
        assertThat(result.invalid()).containsExactly("line 3: level must be 1 to 5, got '9'", "line 5: level must be 1 to 5, got 'x'");
        assertThat(ledger.issued).isEmpty();
    }

    /** Records the most batches ever submitted at the same time. */
    static final class ConcurrentLedger implements BatchImport.Submitter<Integer> {
        final Set<String> batches = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void submit(String batchId, List<Integer> items) throws BatchImport.AlreadySubmitted {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            if (!batches.add(batchId)) {
                throw new BatchImport.AlreadySubmitted(batchId);
            }
        }
    }

    @Test
    void batchesGoSeveralAtOnceEachOnceAndAllAreRecordedForAResume() throws Exception {
        ConcurrentLedger ledger = new ConcurrentLedger();
        Path file = csv("5", "4", "3", "2", "1", "5", "4", "3", "2", "1", "5", "4");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        BatchImport.Result first = new BatchImport<>(LEVEL, ledger, 2, 3, quiet).run(file, dir.resolve("progress"));
        assertThat(first.submitted()).isEqualTo(6);
        assertThat(ledger.batches).hasSize(6);
        assertThat(ledger.most.get()).isBetween(2, 3);
        BatchImport.Result again = new BatchImport<>(LEVEL, ledger, 2, 3, quiet).run(file, dir.resolve("progress"));
        assertThat(again.skippedAsDone()).isEqualTo(6);
        assertThat(again.submitted()).isZero();
    }

    @Test
    void anInterruptedRunResumesAndNoRowIsIssuedTwice() throws Exception {
        FakeLedger ledger = new FakeLedger();
        Path file = csv("5", "4", "3", "2", "1");
        ledger.failAt = 1;
        assertThatThrownBy(() -> importer(ledger).run(file, dir.resolve("progress"))).hasMessage("connection lost");
        assertThat(ledger.issued).containsExactly(5, 4);

        BatchImport.Result resumed = importer(ledger).run(file, dir.resolve("progress"));
        assertThat(resumed.skippedAsDone()).isEqualTo(1);
        assertThat(resumed.submitted()).isEqualTo(2);
        assertThat(ledger.issued).containsExactly(5, 4, 3, 2, 1);
    }

    @Test
    void withTheProgressFileLostTheLedgerStillRefusesTheSameBatchIds() throws Exception {
        FakeLedger ledger = new FakeLedger();
        Path file = csv("5", "4", "3");
        importer(ledger).run(file, dir.resolve("progress-a"));
        BatchImport.Result again = importer(ledger).run(file, dir.resolve("progress-b"));
        assertThat(again.alreadyOnLedger()).isEqualTo(2);
        assertThat(again.submitted()).isZero();
        assertThat(ledger.issued).containsExactly(5, 4, 3);
    }

    @Test
    void batchIdsFollowTheContentAndTheIndex() {
        byte[] a = "name,level\nx,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "name,level\nx,2\n".getBytes(StandardCharsets.UTF_8);
        assertThat(BatchImport.batchId(a, 500, 0)).isEqualTo(BatchImport.batchId(a.clone(), 500, 0)).matches("[0-9a-f]{16}-500-0");
        assertThat(BatchImport.batchId(a, 500, 0)).isNotEqualTo(BatchImport.batchId(b, 500, 0))
                .isNotEqualTo(BatchImport.batchId(a, 500, 1)).isNotEqualTo(BatchImport.batchId(a, 200, 0));
    }
}
