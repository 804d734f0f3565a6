package cn.cdcq.registry.client.web.center;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the training center hands out after an issue: the printable certificates and the salts
 * file. The holder's name and ID number must reach the PDF but nowhere else, so they are held
 * here in memory only, for the signed-in clerk's own session: gone at sign-out, when the
 * session ends, after {@link #LIFETIME}, or when the clerk discards them; never written to disk.
 */
@Component
public class Handouts implements HttpSessionListener {

    static final Duration LIFETIME = Duration.ofMinutes(30);

    /** One hand-out: certificates in issue order and the salts file's lines. */
    public record Handout(String id, String account, String sessionId, Instant made, String batchIds,
                          List<PrintedCertificate> certificates, List<SaltLine> salts) {
        @Override
        public String toString() {
            return "Handout[" + id + ", " + certificates.size() + " certificates, holders withheld]";
        }
    }

    /** A line of the salts file, the same form the CLI writes: certificateNumber,holderSalt,batchId. */
    public record SaltLine(String certificateNumber, String holderSalt, String batchId) {
        @Override
        public String toString() {
            return "SaltLine[" + certificateNumber + ", salt withheld]";
        }
    }

    private final Map<String, Handout> handouts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public Handout keep(String account, String sessionId, String batchIds, List<PrintedCertificate> certificates,
                        List<SaltLine> salts) {
        sweep();
        byte[] id = new byte[16];
        random.nextBytes(id);
        Handout handout = new Handout(HexFormat.of().formatHex(id), account, sessionId, clock.instant(), batchIds,
                List.copyOf(certificates), List.copyOf(salts));
        handouts.put(handout.id(), handout);
        return handout;
    }

    /** The hand-out, only for the account and session that made it. */
    public Optional<Handout> find(String id, String account, String sessionId) {
        sweep();
        return Optional.ofNullable(handouts.get(id))
                .filter(h -> h.account().equals(account) && h.sessionId().equals(sessionId));
    }

    public void discard(String id, String account, String sessionId) {
        find(id, account, sessionId).ifPresent(h -> handouts.remove(h.id()));
    }

    /** The session changed its id at sign-in; hand-outs made after that carry the new one. */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        String sessionId = event.getSession().getId();
        handouts.values().removeIf(h -> h.sessionId().equals(sessionId));
    }

    private void sweep() {
        Instant oldest = clock.instant().minus(LIFETIME);
        handouts.values().removeIf(h -> h.made().isBefore(oldest));
    }
}
