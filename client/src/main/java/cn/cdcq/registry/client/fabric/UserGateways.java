package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.client.config.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Fabric Gateway per account, over the shared peer channel, so every ledger call is signed
 * with the acting user's own identity. Gateways are cached: building one decrypts the user's key.
 * Typed clients are thin wrappers over a gateway: {@code client(account, RegionRegistryClient::new)}.
 */
@Component
@EnableConfigurationProperties(GatewayDeadlines.class)
public class UserGateways implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UserGateways.class);

    private final PeerChannel peer;
    private final AccountKeys keys;
    private final ServiceProperties properties;
    private final LedgerCallObserver observer;
    private final GatewayDeadlines deadlines;
    private final Map<String, RegistryGateway> gateways = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public UserGateways(PeerChannel peer, AccountKeys keys, ServiceProperties properties, LedgerCallObserver observer,
                        GatewayDeadlines deadlines) {
        this.deadlines = deadlines;
        log.info("ledger call deadlines: evaluate {} s, endorse {} s, submit {} s, commit status {} s"
                        + " (the same transaction sent again every {} s without a commit)",
                deadlines.evaluateSeconds(), deadlines.endorseSeconds(), deadlines.submitSeconds(),
                deadlines.commitStatusSeconds(), deadlines.resubmitSeconds());
        this.peer = peer;
        this.keys = keys;
        this.properties = properties;
        this.observer = observer;
    }

    /** The gateway that signs as {@code account}. */
    public RegistryGateway gateway(String account) {
        if (closed) {
            throw new LedgerException(LedgerException.PEER_UNAVAILABLE,
                    "the service is shutting down; retry against the restarted service", java.util.List.of(), null);
        }
        MspIdentity identity = keys.identity(account);
        refuseExpired(account, identity, java.time.Instant.now());
        return gateways.computeIfAbsent(account, a -> new RegistryGateway(peer.channel(), identity,
                properties.channel(), properties.chaincode(), observer, deadlines));
    }

    /**
     * Refuses a call signed by an expired certificate before it leaves the service. Fabric 2.5
     * checks expiry in the peer's ExpirationCheck auth filter and in the orderer, but the
     * gateway peer hands proposals to its own endorser without that filter, and its MSP validates
     * certificate chains at the certificate's NotBefore (msp/mspimplvalidate.go,
     * getValidityOptsForCert): an expired identity's evaluate is answered by the region's own
     * peer, and its submit is refused only by the other region's peer (under AND endorsement) or
     * by the orderer, as RevocationIT shows (docs/operations.md, "Revoking an identity").
     */
    static void refuseExpired(String account, MspIdentity identity, java.time.Instant now) {
        java.time.Instant notAfter = identity.certificate().getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw LedgerException.identity(LedgerException.IDENTITY_EXPIRED, "the Fabric certificate of account " + account
                    + " expired at " + notAfter + "; the account needs a new enrollment at the region's CA", java.util.List.of(), null);
        }
    }

    /** A typed contract client acting as {@code account}, e.g. {@code client(name, RegionRegistryClient::new)}. */
    public <C> C client(String account, Function<RegistryGateway, C> typedClient) {
        return typedClient.apply(gateway(account));
    }

    @Override
    public void destroy() {
        closed = true;
        gateways.values().forEach(RegistryGateway::close);
        log.info("closed {} user gateways", gateways.size());
        gateways.clear();
    }
}
