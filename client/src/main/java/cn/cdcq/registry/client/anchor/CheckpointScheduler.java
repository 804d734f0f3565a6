package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.events.LedgerEventSubscriber;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointEvents;
import cn.cdcq.registry.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Checkpoints without a bureau's request (docs/anchoring.md, "Automatic checkpoints"): on one
 * thread of its own, this service proposes the next checkpoint when the interval has passed or
 * the record count is reached, countersigns (or refuses, with the reason) each checkpoint the
 * other region proposes as its event arrives, and anchors each checkpoint it proposed once both
 * regions signed it. The ledger's events only wake the thread; what to do is always read from
 * the ledger, so a restart, a missed wake-up or a second service of the same region changes
 * nothing: a checkpoint open on the ledger is countersigned, a signed one without an anchor is
 * anchored, and the chaincode refuses a second proposal of a number that is open.
 *
 * <p>The schedule starts as configured ({@code registry.anchor.checkpoints}); a bureau may change
 * it while the service runs (paused for maintenance of the EVM node, say), until the next start.
 * Every action is taken as the service's bootstrap bureau account and logged.
 */
@Component
public class CheckpointScheduler implements LedgerEventSubscriber, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointScheduler.class);
    /** How often the thread looks at the clock when nothing wakes it. */
    private static final long TICK_MILLIS = 2_000;

    private final AnchorService anchors;
    private final UserGateways gateways;
    private final String region;
    private final String account;
    private final Object lock = new Object();
    /** Records (chaincode events) by block, of the blocks after the last block a proposal covered. */
    private final ConcurrentSkipListMap<Long, Long> recordsByBlock = new ConcurrentSkipListMap<>();
    private volatile long coveredTo = -1;
    private volatile CheckpointSchedule schedule;
    private volatile String changedBy;
    private volatile Instant lastProposalSeen = Instant.now();
    private volatile boolean work = true;
    private volatile boolean running;
    private volatile String lastProblem;
    private Thread thread;

    public CheckpointScheduler(AnchorService anchors, UserGateways gateways, ServiceProperties properties,
                               AnchorProperties anchorProperties) {
        this.anchors = anchors;
        this.gateways = gateways;
        this.region = properties.regionCode();
        this.account = properties.admin().account();
        this.schedule = anchorProperties.checkpointsOrDefault();
        this.changedBy = "configuration";
        if (schedule.anchor() && !anchors.anchoringConfigured()) {
            throw new IllegalStateException("registry.anchor.checkpoints.anchor is true but anchoring is not configured "
                    + "(registry.anchor.enabled, rpc-url, chain-id, contract-address)");
        }
    }

    /** The schedule in force. */
    public CheckpointSchedule schedule() {
        return schedule;
    }

    /** The schedule in force, who set it, and what the thread last could not do. */
    public Map<String, Object> status() {
        CheckpointSchedule s = schedule;
        return Map.of("intervalSeconds", s.intervalSeconds(), "records", s.records(), "countersign", s.countersign(),
                "anchor", s.anchor(), "setBy", changedBy, "recordsSinceLastProposal", records(), "lastProposalCoveredBlock", coveredTo,
                "lastProposalSeen", lastProposalSeen.toString(), "lastProblem", lastProblem == null ? "" : lastProblem);
    }

    /** A bureau changes the schedule until the service restarts. */
    public Map<String, Object> change(CheckpointSchedule next, String user) {
        if (next.anchor() && !anchors.anchoringConfigured()) {
            throw new AnchorRefusal(AnchorRefusal.ANCHOR_NOT_CONFIGURED, "anchor: true needs anchoring configured on this "
                    + "service (registry.anchor.*, docs/anchoring.md)");
        }
        log.info("checkpoint schedule changed by {}: {} (was {})", user, next, schedule);
        schedule = next;
        changedBy = user + " at " + Instant.now();
        wake();
        return status();
    }

    @Override
    public void onEvent(String eventName, String txId, long blockNumber, byte[] payload) {
        switch (eventName) {
            case CheckpointEvents.CHECKPOINT_PROPOSED -> {
                CheckpointEvents.CheckpointChanged c = changed(payload);
                if (c != null) {
                    covered(c.toBlock());
                    if (!region.equals(c.proposedByRegion())) {
                        wake();
                    }
                }
            }
            case CheckpointEvents.CHECKPOINT_SIGNED -> {
                CheckpointEvents.CheckpointChanged c = changed(payload);
                if (c != null && region.equals(c.proposedByRegion())) {
                    wake();
                }
            }
            case CheckpointEvents.CHECKPOINT_REFUSED, CheckpointEvents.CHECKPOINT_ANCHOR_CHANGED -> {
                // the checkpoints' own records are not counted as records to checkpoint
            }
            default -> {
                if (blockNumber > coveredTo) {
                    recordsByBlock.merge(blockNumber, 1L, Long::sum);
                    int threshold = schedule.records();
                    if (threshold > 0 && records() >= threshold) {
                        wake();
                    }
                }
            }
        }
    }

    /** A proposal (either region's) covers the blocks up to this one: their records no longer count. */
    private void covered(long toBlock) {
        lastProposalSeen = Instant.now();
        if (toBlock > coveredTo) {
            coveredTo = toBlock;
        }
        recordsByBlock.headMap(toBlock, true).clear();
    }

    private long records() {
        long n = 0;
        for (long v : recordsByBlock.values()) {
            n += v;
        }
        return n;
    }

    private static CheckpointEvents.CheckpointChanged changed(byte[] payload) {
        try {
            return Json.read(new String(payload, StandardCharsets.UTF_8), CheckpointEvents.CheckpointChanged.class);
        } catch (RuntimeException e) {
            log.warn("a checkpoint event payload could not be read: {}", e.getMessage());
            return null;
        }
    }

    private void wake() {
        synchronized (lock) {
            work = true;
            lock.notifyAll();
        }
    }

    /**
     * Due when records arrived since the last proposal and the interval has passed or their count
     * is reached. Records, not blocks: the checkpoints' own writes (signatures, anchor states) are
     * not counted, or an idle ledger would be checkpointed and anchored every interval for nothing.
     */
    private boolean due(CheckpointSchedule s) {
        long records = records();
        return records > 0 && ((s.intervalSeconds() > 0 && Instant.now().isAfter(lastProposalSeen.plusSeconds(s.intervalSeconds())))
                || (s.records() > 0 && records >= s.records()));
    }

    private void run() {
        long backoff = TICK_MILLIS;
        while (running) {
            synchronized (lock) {
                if (!work) {
                    try {
                        lock.wait(backoff);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                // At most one look a tick when only the clock calls (a due proposal waiting for an open checkpoint).
                if (!work && !(schedule.proposes() && due(schedule))) {
                    continue;
                }
                work = false;
            }
            CheckpointSchedule s = schedule;
            if (!s.active()) {
                continue;
            }
            try {
                step(s);
                lastProblem = null;
                backoff = TICK_MILLIS;
            } catch (RuntimeException e) {
                lastProblem = Instant.now() + " " + e.getMessage();
                backoff = Math.min(backoff * 2, 60_000);
                log.warn("automatic checkpoints: {} (trying again in {} s)", e.getMessage(), backoff / 1000);
                sleep(backoff);
                work = true;
            }
        }
    }

    /** One look at the ledger: countersign what the other region opened, anchor what both signed, propose when due. */
    private void step(CheckpointSchedule s) {
        List<Checkpoint> all = gateways.client(account, CheckpointClient::new).checkpoints();
        boolean open = false;
        for (Checkpoint c : all) {
            long number = c.statement().number();
            boolean mine = region.equals(c.statement().proposedByRegion());
            if (c.status() == Checkpoint.Status.PROPOSED && !mine && s.countersign()) {
                Checkpoint answered = anchors.countersign(account, number);
                log.info("checkpoint {} of region {} {} automatically", number, c.statement().proposedByRegion(),
                        answered.status() == Checkpoint.Status.SIGNED ? "countersigned"
                                : "refused (" + answered.refusal().reasonCode() + ": " + answered.refusal().detail() + ")");
            } else if (c.status() == Checkpoint.Status.PROPOSED) {
                open = true;
            } else if (c.status() == Checkpoint.Status.SIGNED && mine && c.anchor() == null && s.anchor()) {
                Checkpoint anchored = anchors.anchor(account, number);
                log.info("checkpoint {} anchored automatically: {} ({})", number, anchored.anchor().status(),
                        anchored.anchor().detail());
            }
        }
        if (s.proposes() && due(s) && !open) {
            long records = records();
            try {
                Checkpoint proposed = anchors.propose(account);
                covered(proposed.statement().toBlock()); // at once: its own event may come after it is signed
                log.info("checkpoint {} proposed automatically ({} records since the last proposal): blocks {}..{}",
                        proposed.statement().number(), records, proposed.statement().fromBlock(),
                        proposed.statement().toBlock());
            } catch (CodedException e) {
                if (!ErrorCode.CONFLICT.name().equals(e.code())) {
                    throw e;
                }
                // The other region proposed this number first (its event follows), or nothing new was
                // written: the records counted so far are dropped, or every tick would ask again.
                lastProposalSeen = Instant.now();
                recordsByBlock.clear();
                log.info("no automatic checkpoint now: {}", e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "checkpoint-scheduler");
        thread.setDaemon(true);
        thread.start();
        log.info("checkpoint schedule: {}", schedule);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
