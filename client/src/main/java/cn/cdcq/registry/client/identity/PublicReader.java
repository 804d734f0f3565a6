package cn.cdcq.registry.client.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * The identity behind the open endpoints ({@code /api/v1/public/**}): an anonymous caller has no
 * Fabric identity, so the service reads the ledger for them as its own account
 * {@value #ACCOUNT}, enrolled at the region's CA with {@code role=reader}, which no contract lets
 * write anything. Never an administrator's or a bureau's identity: a mistake in an open endpoint
 * must not be able to sign a write. The account is made on first use (the CA is then asked once)
 * and is disabled for login.
 */
@Component
public class PublicReader {

    /** The account's name; administrators cannot create an account of that name. */
    public static final String ACCOUNT = "public-reader";

    private static final Logger log = LoggerFactory.getLogger(PublicReader.class);

    private final Accounts accounts;
    private final UserGateways gateways;
    private volatile boolean enrolled;

    public PublicReader(Accounts accounts, UserGateways gateways) {
        this.accounts = accounts;
        this.gateways = gateways;
    }

    /**
     * Made as soon as the service is up, so that public verification does not wait for the CA
     * later: a CA outage after this start leaves the open endpoints working (fault case 14). When
     * the CA cannot be reached now, the first public request tries again.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void enrollAtStart() {
        try {
            client(gateway -> gateway);
            log.info("public reader {} ready for the open endpoints", ACCOUNT);
        } catch (RuntimeException e) {
            log.warn("public reader {} not enrolled at start ({}); the first public request tries again", ACCOUNT, e.getMessage());
        }
    }

    /** A typed contract client reading as the public reader, e.g. {@code client(CertificateClient::new)}. */
    public <C> C client(Function<RegistryGateway, C> typedClient) {
        if (!enrolled) {
            enroll();
        }
        return gateways.client(ACCOUNT, typedClient);
    }

    private synchronized void enroll() {
        if (enrolled) {
            return;
        }
        Account account = accounts.find(ACCOUNT).orElseGet(() -> accounts.create(
                new NewAccount(ACCOUNT, AccountRole.PUBLIC_READER, null, null, null), Accounts.randomSecret(), "service"));
        if (account.role() != AccountRole.PUBLIC_READER) {
            throw new IllegalStateException("the account " + ACCOUNT + " has the role " + account.role()
                    + "; the open endpoints must not act with it: remove that account file and let the service make its reader");
        }
        enrolled = true;
    }
}
