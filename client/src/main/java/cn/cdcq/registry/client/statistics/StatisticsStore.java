package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.api.JsonLines;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.events.LedgerEventSubscriber;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The statistics' read store (docs/statistics.md). Fed by the chaincode events as the service
 * follows them: each counted event's facts (read from the event, or from the transaction's writes
 * on the region's own peer) are appended to {@code DATA_DIR/statistics/facts-v2.jsonl} and forced to
 * disk before the listener moves on, and read back on start. Rebuilt from the ledger on demand:
 * every block from 0 to the chain's height is read from the peer into a fresh store, which then
 * replaces the old one (file and memory at once); one rebuild at a time, its progress readable. A
 * service with no store yet (new, or upgraded to this version) rebuilds on start.
 */
@Component
public class StatisticsStore implements LedgerEventSubscriber, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatisticsStore.class);

    /** The stored form: one counted transaction's facts. */
    record Line(String txId, long block, List<Fact> facts) {
    }

    @Schema(description = "The statistics rebuild: blocks read of the chain's height")
    public record Progress(@Schema(example = "RUNNING") State state, @Schema(example = "40") long blocksDone,
                           @Schema(example = "120") long height, @Schema(nullable = true) String startedAt,
                           @Schema(nullable = true) String finishedAt,
                           @Schema(description = "how long the last rebuild took", nullable = true) Long millis,
                           @Schema(description = "why the last rebuild stopped", nullable = true) String problem) {
    }

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** A rebuild asked for while one runs. */
    public static final class RebuildRunning extends CodedException {
        private static final long serialVersionUID = 1L;

        RebuildRunning() {
            super(ErrorCode.CONFLICT, "a statistics rebuild is already running; follow it at GET /api/v1/statistics/rebuild", null);
        }
    }

    /**
     * The store's file, named by the version of what {@link StatisticsState#derive} takes from a
     * transaction: v2 also reads the objection decisions (annulled and corrected records).
     */
    static final String FILE = "facts-v2.jsonl";
    static final java.util.List<String> EARLIER_FILES = java.util.List.of("facts.jsonl");

    private final UserGateways gateways;
    private final ServiceProperties properties;
    private final Path dir;
    private final Path file;
    /** Present while the store has not been built from the ledger once: a start then rebuilds it. */
    private final Path unbuilt;
    private final Object lock = new Object();
    private StatisticsState state = new StatisticsState();
    private JsonLines out;
    private volatile Progress progress = new Progress(State.IDLE, 0, 0, null, null, null, null);
    private Thread rebuilder;
    private volatile boolean running;
    private final boolean fresh;

    public StatisticsStore(UserGateways gateways, ServiceProperties properties) {
        this.gateways = gateways;
        this.properties = properties;
        this.dir = properties.dataDir().resolve("statistics");
        this.file = dir.resolve(FILE);
        this.unbuilt = dir.resolve("unbuilt");
        try {
            Files.createDirectories(dir);
            // A store of an earlier derivation lacks facts this one derives: it goes, and the start rebuilds.
            for (String earlier : EARLIER_FILES) {
                if (Files.deleteIfExists(dir.resolve(earlier))) {
                    log.info("statistics store {} is of an earlier version: rebuilding from the ledger", earlier);
                }
            }
            if (!Files.exists(file)) {
                Files.writeString(unbuilt, "the statistics store has not been rebuilt from the ledger yet\n");
            }
            fresh = Files.exists(unbuilt);
            StatisticsState into = state;
            // A line cut short by a crash before the listener moved on is dropped: the event comes again.
            out = JsonLines.open(file, text -> Json.read(text, Line.class), line -> {
                line.facts().forEach(into::apply);
                into.seen(line.block());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the statistics store " + file, e);
        }
    }

    private static void append(JsonLines to, String txId, long block, List<Fact> facts) {
        try {
            to.append(Json.write(new Line(txId, block, facts)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the statistics store", e);
        }
    }

    private LedgerTransactions ledger() {
        // Read as the bootstrap bureau administrator, as the event listener does: reading blocks needs channel membership only.
        return new LedgerTransactions(gateways.gateway(properties.admin().account()), properties.channel(), properties.chaincode());
    }

    @Override
    public void onEvent(String eventName, String txId, long blockNumber, byte[] payload) {
        if (!StatisticsState.COUNTED.contains(eventName)) {
            return;
        }
        LedgerTransactions.Tx tx = StatisticsState.NEEDS_WRITES.contains(eventName)
                ? ledger().transaction(txId, blockNumber)
                : new LedgerTransactions.Tx(blockNumber, txId, eventName, payload, List.of());
        synchronized (lock) {
            List<Fact> facts = state.derive(tx);
            if (!facts.isEmpty()) {
                append(out, txId, blockNumber, facts);
                facts.forEach(state::apply);
            }
        }
    }

    /** A published table. */
    public StatisticsTable table(String name) {
        StatisticsState.Table t = StatisticsState.Table.valueOf(name);
        synchronized (lock) {
            return state.table(t);
        }
    }

    public static List<String> tableNames() {
        return java.util.Arrays.stream(StatisticsState.Table.values()).map(Enum::name).toList();
    }

    public Progress progress() {
        return progress;
    }

    /** Starts a rebuild from block 0 unless one runs. */
    public synchronized Progress rebuild() {
        if (rebuilder != null && rebuilder.isAlive()) {
            throw new RebuildRunning();
        }
        progress = new Progress(State.RUNNING, 0, 0, now(), null, null, null);
        rebuilder = new Thread(this::runRebuild, "statistics-rebuild");
        rebuilder.setDaemon(true);
        rebuilder.start();
        return progress;
    }

    private void runRebuild() {
        long started = System.nanoTime();
        String startedAt = progress.startedAt();
        Path next = dir.resolve("facts.rebuild.jsonl");
        StatisticsState rebuilt = new StatisticsState();
        long done = 0;
        try (JsonLines nextOut = JsonLines.create(next)) {
            LedgerTransactions ledger = ledger();
            long height = ledger.height();
            while (running) {
                for (; done < height && running; done++) {
                    read(ledger, done, rebuilt, nextOut);
                    progress = new Progress(State.RUNNING, done + 1, height, startedAt, null, null, null);
                }
                long now = ledger.height();
                if (now > height) {
                    height = now;
                    continue;
                }
                synchronized (lock) {
                    // The last blocks under the lock: no event is counted in the old store meanwhile.
                    for (height = ledger.height(); done < height; done++) {
                        read(ledger, done, rebuilt, nextOut);
                    }
                    nextOut.sync();
                    out.close();
                    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    // Just written whole and forced by this thread: opened to append, its lines scanned but not parsed again.
                    out = JsonLines.open(file, text -> text, text -> { });
                    state = rebuilt;
                    Files.deleteIfExists(unbuilt);
                }
                break;
            }
            if (!running) {
                progress = new Progress(State.FAILED, done, height, startedAt, now(), null, "the service stopped");
                return;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            progress = new Progress(State.DONE, done, height, startedAt, now(), millis, null);
            log.info("statistics rebuilt from {} blocks in {} ms", done, millis);
        } catch (IOException | RuntimeException e) {
            log.warn("statistics rebuild failed at block {}: {}", done, e.getMessage());
            progress = new Progress(State.FAILED, done, progress.height(), startedAt, now(), null,
                    "stopped at block " + done + ": " + e.getMessage());
        }
    }

    private void read(LedgerTransactions ledger, long number, StatisticsState into, JsonLines to) {
        List<LedgerTransactions.Tx> txs = ledger.block(number);
        synchronized (lock) { // the same order as the live path: derive reads the state (an enterprise's kind)
            for (LedgerTransactions.Tx tx : txs) {
                List<Fact> facts = into.derive(tx);
                if (!facts.isEmpty()) {
                    append(to, tx.txId(), number, facts);
                    facts.forEach(into::apply);
                }
            }
            into.seen(number);
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public void start() {
        running = true;
        if (fresh) {
            log.info("no statistics store yet: rebuilding it from the ledger");
            rebuild();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() throws IOException {
        running = false;
        Thread t = rebuilder;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            out.close();
        }
    }
}
