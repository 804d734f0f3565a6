package cn.cdcq.registry.client.events;

import cn.cdcq.registry.client.api.JsonLines;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The region's inbox: every chaincode event the service has seen, once, in ledger order, with
 * whether this region has to act on it. Stored as JSON lines in {@code DATA_DIR/inbox.jsonl},
 * each line forced to disk before the event listener moves its checkpoint, and read back on
 * start. An event delivered again (after a crash between the two) is recognised by its
 * transaction id and event name, and not added twice.
 */
@Component
public class Inbox implements DisposableBean {

    /** The stored form: payload kept as a JSON string. */
    record Line(long sequence, String eventName, String txId, long blockNumber, boolean needsAction,
                String receivedAt, String payload) {
    }

    private final ServiceProperties properties;
    private final Path file;
    private final List<InboxItem> items = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final JsonLines out;

    public Inbox(ServiceProperties properties) {
        this.properties = properties;
        this.file = properties.dataDir().resolve("inbox.jsonl");
        try {
            Files.createDirectories(file.getParent());
            // A line cut short by a crash was never acknowledged: it is dropped, and the event comes again.
            out = JsonLines.open(file, text -> Json.read(text, Line.class), line -> remember(new InboxItem(line.sequence(),
                    line.eventName(), line.txId(), line.blockNumber(), line.needsAction(), line.receivedAt(), line.payload())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the inbox " + file, e);
        }
    }

    /**
     * Adds an event unless it is already in; returns whether it was added. Durable on return.
     */
    public synchronized boolean accept(String eventName, String txId, long blockNumber, byte[] payloadBytes) {
        if (seen.contains(key(txId, eventName))) {
            return false;
        }
        String payload = jsonPayload(payloadBytes);
        boolean needsAction = InboxRules.needsAction(eventName, Json.tree(payload), properties.mspId(), properties.regionCode());
        InboxItem item = new InboxItem(items.size() + 1L, eventName, txId, blockNumber, needsAction,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), payload);
        Line line = new Line(item.sequence(), eventName, txId, blockNumber, needsAction, item.receivedAt(), payload);
        try {
            out.append(Json.write(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the inbox " + file, e);
        }
        remember(item);
        return true;
    }

    public synchronized List<InboxItem> items(Predicate<InboxItem> filter) {
        return items.stream().filter(filter).toList();
    }

    public synchronized int size() {
        return items.size();
    }

    private void remember(InboxItem item) {
        if (seen.add(key(item.txId(), item.eventName()))) {
            items.add(item);
        }
    }

    private static String key(String txId, String eventName) {
        return txId + "/" + eventName;
    }

    /** The payload as JSON; a payload that is not JSON is kept as a JSON string. */
    private static String jsonPayload(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.tree(text);
            return node.toString();
        } catch (RuntimeException notJson) {
            return Json.mapper().getNodeFactory().textNode(text).toString();
        }
    }

    @Override
    public synchronized void destroy() throws IOException {
        out.close();
    }
}
