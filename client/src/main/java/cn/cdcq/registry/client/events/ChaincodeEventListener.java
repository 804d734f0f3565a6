package cn.cdcq.registry.client.events;

import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.config.ServiceProperties;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the chaincode's events from the region's peer into the {@link Inbox}, from the block
 * after the last one processed: the position is kept by Fabric Gateway's file checkpointer in
 * {@code DATA_DIR/events.checkpoint}, moved only after the event is durably in the inbox, so
 * after a restart nothing is missed; an event seen again is not added twice. A fresh service
 * reads from block 0. If the stream breaks (peer restarting), it reconnects with back-off.
 */
@Component
public class ChaincodeEventListener implements SmartLifecycle {

    /** The peer's answer for a block before the snapshot it was bootstrapped from. */
    private static final Pattern SNAPSHOT_GAP = Pattern.compile("bootstrapped from a snapshot\\. First available block = \\[(\\d+)\\]");

    private static final Logger log = LoggerFactory.getLogger(ChaincodeEventListener.class);

    private final UserGateways gateways;
    private final ServiceProperties properties;
    private final Inbox inbox;
    private final ObjectProvider<LedgerEventSubscriber> subscribers;
    private final FileCheckpointer checkpointer;
    private volatile boolean running;
    private volatile CloseableIterator<ChaincodeEvent> stream;
    private Thread thread;
    /** What ended the listening loop while the service still ran (an Error: the loop retries every Exception). */
    private volatile Throwable stoppedBy;

    public ChaincodeEventListener(UserGateways gateways, ServiceProperties properties, Inbox inbox,
                                  ObjectProvider<LedgerEventSubscriber> subscribers) {
        this.gateways = gateways;
        this.properties = properties;
        this.inbox = inbox;
        this.subscribers = subscribers;
        Path file = properties.dataDir().resolve("events.checkpoint");
        try {
            this.checkpointer = new FileCheckpointer(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event checkpoint " + file, e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(() -> follow(this::listen), "chaincode-events");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the listening loop. The loop retries whatever Exception breaks the stream; an Error
     * ends it (an OutOfMemoryError ends the JVM first: -XX:+ExitOnOutOfMemoryError). Then the
     * service would answer on with an inbox, statistics and checkpoints that no longer move, so
     * the cause is logged and kept for the health check ({@link EventStreamHealthIndicator},
     * part of readiness).
     */
    void follow(Runnable loop) {
        try {
            loop.run();
        } catch (Throwable t) {
            stoppedBy = t;
            log.error("the chaincode event listener stopped ({}): this service follows no more events (inbox, statistics, "
                    + "checkpoints) until it is restarted; its readiness is DOWN", t, t);
        }
    }

    /** Why the listener stopped while the service ran, if it did. */
    public Optional<Throwable> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    /** The block of the last event processed (the checkpoint), if any. */
    public OptionalLong checkpointBlock() {
        return checkpointer.getBlockNumber();
    }

    private void listen() {
        long backoffMillis = 500;
        while (running) {
            // Events are read as the bootstrap bureau administrator: reading needs only channel membership.
            Network network = gateways.gateway(properties.admin().account()).network();
            try (CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(properties.chaincode())
                    .startBlock(0).checkpoint(checkpointer).build().getEvents()) {
                stream = events;
                log.info("listening to chaincode {} events from {}", properties.chaincode(),
                        checkpointer.getBlockNumber().isPresent()
                                ? "block " + checkpointer.getBlockNumber().getAsLong() + " after tx " + checkpointer.getTransactionId().orElse("-")
                                : "block 0");
                while (running && events.hasNext()) {
                    ChaincodeEvent event = events.next();
                    boolean added = inbox.accept(event.getEventName(), event.getTransactionId(), event.getBlockNumber(), event.getPayload());
                    subscribers.orderedStream().forEach(s -> s.onEvent(event.getEventName(), event.getTransactionId(),
                            event.getBlockNumber(), event.getPayload()));
                    checkpointer.checkpointChaincodeEvent(event);
                    log.debug("event {} tx {} block {} {}", event.getEventName(), event.getTransactionId(),
                            event.getBlockNumber(), added ? "added to the inbox" : "already in the inbox");
                    backoffMillis = 500;
                }
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (restoredPastCheckpoint(e)) {
                    backoffMillis = 500;
                    continue;
                }
                log.warn("chaincode event stream broke ({}); reconnecting in {} ms", e.getMessage(), backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            } finally {
                stream = null;
            }
        }
    }

    /**
     * A peer restored from a ledger snapshot (scripts/peer-restore.sh) holds no block before the
     * snapshot's, and refuses to serve the checkpoint's block when that is the snapshot's last
     * one. The checkpoint then moves past it, so the stream starts at the peer's first block: the
     * events of that last block were read before the restore (the snapshot is taken of the last
     * block both peers committed, while the service followed). A checkpoint further back is a gap
     * the service cannot fill from this peer: it stays, and the error says so, until an operator
     * acts.
     */
    private boolean restoredPastCheckpoint(Exception e) {
        Matcher m = SNAPSHOT_GAP.matcher(String.valueOf(e.getMessage()));
        if (!m.find() || checkpointer.getBlockNumber().isEmpty()) {
            return false;
        }
        long first = Long.parseLong(m.group(1));
        long at = checkpointer.getBlockNumber().getAsLong();
        if (at != first - 1) {
            log.error("this region's peer was restored from a snapshot and serves blocks from {} only; this service's "
                    + "events stop at block {}: the events of blocks {}..{} cannot be read from it (read them through the "
                    + "other region's peer, then move DATA_DIR/events.checkpoint)", first, at, at, first - 1);
            return false;
        }
        try {
            checkpointer.checkpointBlock(at);
        } catch (IOException io) {
            throw new UncheckedIOException("cannot move the event checkpoint past block " + at, io);
        }
        log.warn("this region's peer was restored from a snapshot at block {}; the events resume at block {}", at, first);
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        CloseableIterator<ChaincodeEvent> s = stream;
        if (s != null) {
            s.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            checkpointer.close();
        } catch (IOException e) {
            log.warn("closing the event checkpoint: {}", e.getMessage());
        }
        log.info("chaincode event listener stopped; inbox holds {} events", inbox.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
