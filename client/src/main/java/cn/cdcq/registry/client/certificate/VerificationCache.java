package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.client.events.LedgerEventSubscriber;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Public verification answers (the chaincode's report, as JSON) that the service reuses until
 * something they depend on changes on the ledger, as the event stream tells it: a certificate's
 * status change forgets that certificate; an accreditation, recognition or region change forgets
 * everything (those reach every report: center name, recognition per region, attestation terms).
 * Only VALID answers are kept, so a number not yet issued (or not yet seen by this peer) is asked
 * again next time. Entries also expire after {@link #TTL}: a certificate's expiry date passes
 * without an event, and the event stream may lag the peer by a moment.
 *
 * <p>A generation counter closes the race between a verification in flight and an event that
 * arrives meanwhile: an answer is stored only if no invalidation happened while it was computed.
 */
@Component
public class VerificationCache implements LedgerEventSubscriber {

    static final Duration TTL = Duration.ofSeconds(30);
    /** Bounds memory (about 5 KB per report): beyond this many, the cache starts over. */
    static final int MAX_ENTRIES = 20_000;

    private record Entry(String json, long expiresAtNanos) {
    }

    private final Map<String, Entry> answers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The cached report of {@code number}, or {@code verify}'s answer (kept when VALID). */
    public String report(String number, Supplier<String> verify) {
        Entry e = answers.get(number);
        long now = System.nanoTime();
        if (e != null && now - e.expiresAtNanos() < 0) {
            return e.json();
        }
        long before = generation.get();
        String json = verify.get();
        if (json.contains("\"verdict\":\"VALID\"")) {
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
            answers.put(number, new Entry(json, now + TTL.toNanos()));
            if (generation.get() != before) {
                answers.remove(number);
            }
        }
        return json;
    }

    @Override
    public void onEvent(String eventName, String txId, long blockNumber, byte[] payload) {
        if (eventName.equals(CertificateEvents.CERTIFICATE_STATUS_CHANGED)) {
            generation.incrementAndGet();
            String number = number(payload);
            if (number == null) {
                answers.clear();
            } else {
                answers.remove(number);
            }
        } else if (eventName.startsWith("Accreditation") || eventName.equals(CertificateEvents.CENTER_ACCREDITED)
                || eventName.startsWith("Recognition") || eventName.startsWith("Region")) {
            generation.incrementAndGet();
            answers.clear();
        }
    }

    private static String number(byte[] payload) {
        try {
            JsonNode n = Json.mapper().readTree(payload).get("number");
            return n == null ? null : n.asText();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
