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

/**
 * Reads the chaincode's events from the region's peer into the {@link Inbox}, from the block
 * after the last one processed: the position is kept by Fabric Gateway's file checkpointer in
 * {@code DATA_DIR/events.checkpoint}, moved only after the event is durably in the inbox, so
 * after a restart nothing is missed; an event seen again is not added twice. A fresh service
 * reads from block 0. If the stream breaks (peer restarting), it reconnects with back-off.
 */
@Component
public class ChaincodeEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChaincodeEventListener.class);

    private final UserGateways gateways;
    private final ServiceProperties properties;
    private final Inbox inbox;
    private final ObjectProvider<LedgerEventSubscriber> subscribers;
    private final FileCheckpointer checkpointer;
    private volatile boolean running;
    private volatile CloseableIterator<ChaincodeEvent> stream;
    private Thread thread;

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
        thread = new Thread(this::listen, "chaincode-events");
        thread.setDaemon(true);
        thread.start();
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
                log.warn("chaincode event stream broke ({}); reconnecting in {} ms", e.getMessage(), backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            } finally {
                stream = null;
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
