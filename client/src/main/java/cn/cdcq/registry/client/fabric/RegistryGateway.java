package cn.cdcq.registry.client.fabric;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One user's connection to the ledger through one region's peer, as the Fabric Gateway
 * intends it: a shared gRPC channel per peer ({@link #openChannel}) and a Gateway per
 * identity with per-call deadlines. Failures become {@link LedgerException}s carrying the
 * chaincode's error code; the peers' answers are logged.
 */
public final class RegistryGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryGateway.class);

    private final Gateway gateway;
    private final Network network;
    private final String chaincode;
    private final LedgerCallObserver observer;

    public RegistryGateway(ManagedChannel channel, MspIdentity user, String channelName, String chaincode) {
        this(channel, user, channelName, chaincode, LedgerCallObserver.NONE);
    }

    /** As above, with every submit and evaluate reported to {@code observer} (timing, outcome). */
    public RegistryGateway(ManagedChannel channel, MspIdentity user, String channelName, String chaincode,
                           LedgerCallObserver observer) {
        this.observer = observer;
        this.gateway = Gateway.newInstance()
                .identity(user.identity())
                .signer(user.signer())
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(5, TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(15, TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(5, TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(1, TimeUnit.MINUTES))
                .connect();
        this.network = gateway.getNetwork(channelName);
        this.chaincode = chaincode;
    }

    /** A TLS gRPC channel to a peer, trusting the peer organization's TLS CA. Share it; close it last. */
    public static ManagedChannel openChannel(String endpoint, String hostAlias, Path tlsCaCert) {
        try {
            ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(tlsCaCert.toFile()).build();
            return Grpc.newChannelBuilder(endpoint, credentials).overrideAuthority(hostAlias).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's TLS CA certificate " + tlsCaCert, e);
        }
    }

    public Network network() {
        return network;
    }

    public String submit(String contract, String transaction, String... args) {
        return observer.observe(contract, transaction, LedgerCallObserver.SUBMIT, () -> doSubmit(contract, transaction, args));
    }

    public String evaluate(String contract, String transaction, String... args) {
        return observer.observe(contract, transaction, LedgerCallObserver.EVALUATE, () -> doEvaluate(contract, transaction, args));
    }

    /**
     * {@link #submit}, repeated (up to {@code attempts} times in all) when it loses an MVCC race
     * to a concurrent transaction. Only for transactions that are safe to repeat: ones whose
     * chaincode checks state afresh and refuses a duplicate (an approval, a batch with its id).
     */
    public String submitRetryingConflicts(int attempts, String contract, String transaction, String... args) {
        return retryingConflicts(attempts, () -> submit(contract, transaction, args), RegistryGateway::pause);
    }

    static <T> T retryingConflicts(int attempts, java.util.function.Supplier<T> call, java.util.function.IntConsumer pause) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (LedgerException e) {
                if (!e.code().equals(LedgerException.MVCC_CONFLICT) || attempt >= attempts) {
                    throw e;
                }
                log.info("MVCC conflict, retrying ({} of {}): {}", attempt + 1, attempts, e.getMessage());
                pause.accept(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(LedgerException.BUSY, "interrupted while retrying", java.util.List.of(), e);
        }
    }

    private String doSubmit(String contract, String transaction, String... args) {
        Contract c = network.getContract(chaincode, contract);
        String name = contract + ":" + transaction;
        try {
            return new String(c.submitTransaction(transaction, args), StandardCharsets.UTF_8);
        } catch (EndorseException e) {
            throw logged(LedgerException.from("ENDORSE_FAILED", name, e));
        } catch (SubmitException e) {
            throw logged(LedgerException.from("SUBMIT_FAILED", name, e));
        } catch (CommitStatusException e) {
            throw logged(LedgerException.from("COMMIT_STATUS_UNKNOWN", name, e));
        } catch (CommitException e) {
            throw logged(LedgerException.from(name, e));
        }
    }

    private String doEvaluate(String contract, String transaction, String... args) {
        Contract c = network.getContract(chaincode, contract);
        try {
            return new String(c.evaluateTransaction(transaction, args), StandardCharsets.UTF_8);
        } catch (GatewayException e) {
            throw logged(LedgerException.from("EVALUATE_FAILED", contract + ":" + transaction, e));
        }
    }

    private static LedgerException logged(LedgerException e) {
        log.warn("ledger call refused [{}]: {} {}", e.code(), e.getMessage(), e.peerDetails());
        return e;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
