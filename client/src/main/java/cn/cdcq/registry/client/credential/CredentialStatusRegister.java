package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.api.JsonLines;
import cn.cdcq.registry.client.events.LedgerEventSubscriber;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.credential.BitstringStatusList;
import cn.cdcq.registry.common.credential.StatusListCredential;
import cn.cdcq.registry.common.credential.Vocabulary;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The region's two Bitstring Status Lists (revocation, suspension) and which entry each exported
 * certificate has.
 *
 * <p><b>Indexes are drawn at random</b> (Bitstring Status List §6.4 recommends it: an index in
 * issue order would tell a verifier roughly when, and a neighbour's bit something about whom).
 * A deterministic derivation such as HMAC(number) mod length was rejected: with a million
 * certificates in two million entries the birthday bound makes thousands of them share a bit, and
 * one revocation would then revoke a stranger. So each draw is recorded, with every status seen
 * since, as one JSON line in {@code DATA_DIR/credential-status.jsonl}, forced to disk before the
 * answer (or before the event checkpoint moves), and replayed on start. The lists start at the
 * specification's minimum of 131,072 entries and double whenever more than half are taken, so a
 * draw always has room and the herd stays large; an index once given never changes.
 *
 * <p><b>Status</b> follows the ledger: {@code CertificateStatusChanged} events of this region
 * (a {@link LedgerEventSubscriber}) set or clear the bits, and a certificate exported for the
 * first time takes the status the ledger holds then, read after its index was recorded, so a change
 * in between is never lost. The signed list credentials are valid for {@link #VALIDITY} and signed
 * again after any change, or when half of that has passed.
 */
@Component
public class CredentialStatusRegister implements LedgerEventSubscriber, DisposableBean {

    /** How long a served status list is valid: a verifier refetches after that, which bounds a stale list's use. */
    static final Duration VALIDITY = Duration.ofHours(1);
    static final String STATUS_CHANGED = CertificateEvents.CERTIFICATE_STATUS_CHANGED;
    private static final Logger log = LoggerFactory.getLogger(CredentialStatusRegister.class);

    /** One stored line: an index drawn, a status seen, or both. */
    record Line(String number, Integer index, String status) {
    }

    private final ServiceProperties properties;
    private final IssuerIdentity issuer;
    private final Path file;
    private final JsonLines out;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Integer> indexes = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();
    private final Set<Integer> taken = new HashSet<>();
    private BitstringStatusList revoked = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
    private BitstringStatusList suspended = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
    private final Map<String, Signed> signed = new HashMap<>();

    private record Signed(ObjectNode credential, Instant at) {
    }

    public CredentialStatusRegister(ServiceProperties properties, IssuerIdentity issuer) {
        this.properties = properties;
        this.issuer = issuer;
        this.file = properties.dataDir().resolve("credential-status.jsonl");
        try {
            Files.createDirectories(file.getParent());
            // A line cut short by a crash was never acknowledged: it is dropped.
            out = JsonLines.open(file, text -> Json.read(text, Line.class), this::apply);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the credential status register " + file, e);
        }
        log.info("credential status register: {} certificates, lists of {} entries", indexes.size(), revoked.length());
    }

    /** The URL of the region's status list credential for {@code purpose}. */
    public String listUrl(String purpose) {
        return issuer.baseUrl() + "/api/v1/public/credentials/status/" + purpose;
    }

    /**
     * The index of {@code number} in both lists, drawn and recorded on its first export; its
     * status is then set from {@code ledgerStatus}, read after the index is durable.
     */
    public synchronized int entryFor(String number, Supplier<String> ledgerStatus) {
        Integer index = indexes.get(number);
        if (index == null) {
            index = draw();
            append(new Line(number, index, null));
        }
        record(number, ledgerStatus.get());
        return index;
    }

    @Override
    public synchronized void onEvent(String eventName, String txId, long blockNumber, byte[] payload) {
        if (!STATUS_CHANGED.equals(eventName)) {
            return;
        }
        JsonNode event;
        try {
            event = Json.tree(new String(payload, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("{} event of tx {} is not JSON; status lists unchanged", eventName, txId);
            return;
        }
        String number = event.path("number").asText();
        if (properties.regionCode().equals(event.path("region").asText()) && indexes.containsKey(number)) {
            record(number, event.path("status").asText());
            log.info("status list entry of an exported certificate set to {} (tx {})", event.path("status").asText(), txId);
        }
    }

    /** The signed status list credential for {@code purpose}, signed again after a change or half its validity. */
    public synchronized ObjectNode statusListCredential(String purpose) {
        BitstringStatusList list = switch (purpose) {
            case Vocabulary.REVOCATION -> revoked;
            case Vocabulary.SUSPENSION -> suspended;
            default -> throw new CredentialRefusal(org.springframework.http.HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND.name(),
                    "no status list \"" + purpose + "\": this region publishes \"revocation\" and \"suspension\"");
        };
        Instant now = Instant.now(clock);
        Signed current = signed.get(purpose);
        if (current == null || now.isAfter(current.at().plus(VALIDITY.dividedBy(2)))) {
            ObjectNode unsigned = StatusListCredential.unsigned(listUrl(purpose), issuer.did(), purpose, list, now, now.plus(VALIDITY));
            current = new Signed(issuer.sign(unsigned, "BitstringStatusListCredential", purpose, "service"), now);
            signed.put(purpose, current);
        }
        return current.credential();
    }

    /** How many certificates have an entry. */
    public synchronized int size() {
        return indexes.size();
    }

    private void record(String number, String status) {
        if (status == null || status.equals(statuses.get(number))) {
            return;
        }
        append(new Line(number, null, status));
    }

    private void append(Line line) {
        try {
            out.append(Json.write(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the credential status register " + file, e);
        }
        apply(line);
    }

    /** One line's effect on the state, the same on replay as when it was written. */
    private void apply(Line line) {
        if (line.index() != null && !indexes.containsKey(line.number())) {
            indexes.put(line.number(), line.index());
            taken.add(line.index());
            if (taken.size() * 2 > revoked.length()) {
                revoked = revoked.grownTo(revoked.length() * 2);
                suspended = suspended.grownTo(suspended.length() * 2);
                signed.clear();
            }
        }
        if (line.status() != null) {
            statuses.put(line.number(), line.status());
            Integer index = indexes.get(line.number());
            if (index != null) {
                revoked.set(index, CertificateStatus.REVOKED.name().equals(line.status()));
                suspended.set(index, CertificateStatus.SUSPENDED.name().equals(line.status()));
            }
            signed.clear();
        }
    }

    private int draw() {
        int index;
        do {
            index = random.nextInt(revoked.length());
        } while (taken.contains(index));
        return index;
    }

    @Override
    public synchronized void destroy() throws IOException {
        out.close();
    }
}
