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
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One user's connection to the ledger through one region's peer, as the Fabric Gateway
 * intends it: a shared gRPC channel per peer ({@link #openChannel}) and a Gateway per
 * identity with per-call deadlines. Failures become {@link LedgerException}s carrying the
 * chaincode's error code; the peers' answers are logged.
 */
public final class RegistryGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryGateway.class);

    /** Above the orderer's AbsoluteMaxBytes (16 MB), so no transaction the network accepts is refused here. */
    private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

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
        this(channel, user, channelName, chaincode, observer, GatewayDeadlines.DEFAULTS);
    }

    /** As above, with the service's configured deadlines. */
    public RegistryGateway(ManagedChannel channel, MspIdentity user, String channelName, String chaincode,
                           LedgerCallObserver observer, GatewayDeadlines deadlines) {
        this.observer = observer;
        this.gateway = Gateway.newInstance()
                .identity(user.identity())
                .signer(user.signer())
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(deadlines.evaluateSeconds(), TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(deadlines.endorseSeconds(), TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(deadlines.submitSeconds(), TimeUnit.SECONDS))
                .commitStatusOptions(options -> options.withDeadlineAfter(deadlines.commitStatusSeconds(), TimeUnit.SECONDS))
                .connect();
        this.network = gateway.getNetwork(channelName);
        this.chaincode = chaincode;
    }

    /** A TLS gRPC channel to a peer, trusting the peer organization's TLS CA. Share it; close it last. */
    public static ManagedChannel openChannel(String endpoint, String hostAlias, Path tlsCaCert) {
        try {
            ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(tlsCaCert.toFile()).build();
            // An endorsed transaction comes back whole: a 2,000-certificate batch is over gRPC's 4 MB default.
            return Grpc.newChannelBuilder(endpoint, credentials).overrideAuthority(hostAlias)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
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
            throw logged(LedgerException.from(LedgerException.ENDORSE, name, e));
        } catch (SubmitException e) {
            throw logged(LedgerException.from(LedgerException.SUBMIT, name, e));
        } catch (CommitStatusException e) {
            throw logged(LedgerException.from("COMMIT_STATUS_UNKNOWN", name, e));
        } catch (CommitException e) {
            throw logged(LedgerException.from(name, e));
        }
    }

    /**
     * A committed transaction: its result, its id, the block that holds it, and its size as sent
     * to the orderer (the signed envelope with the endorsements and the write set), which is what
     * counts against the orderer's AbsoluteMaxBytes.
     */
    public record Committed(String result, String transactionId, long blockNumber, int transactionBytes) {
    }

    /** {@link #submit}, also telling where the transaction was committed and how large it was. */
    public Committed submitCommitted(String contract, String transaction, String... args) {
        return observer.observe(contract, transaction, LedgerCallObserver.SUBMIT,
                () -> doSubmitCommitted(contract, transaction, args));
    }

    private Committed doSubmitCommitted(String contract, String transaction, String... args) {
        Contract c = network.getContract(chaincode, contract);
        String name = contract + ":" + transaction;
        try {
            Transaction endorsed = c.newProposal(transaction).addArguments(args).build().endorse();
            SubmittedTransaction submitted = endorsed.submitAsync();
            Status status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw logged(LedgerException.notCommitted(name, status.getTransactionId(), status.getCode(), null));
            }
            return new Committed(new String(submitted.getResult(), StandardCharsets.UTF_8), status.getTransactionId(),
                    status.getBlockNumber(), endorsed.getBytes().length);
        } catch (EndorseException e) {
            throw logged(LedgerException.from(LedgerException.ENDORSE, name, e));
        } catch (SubmitException e) {
            throw logged(LedgerException.from(LedgerException.SUBMIT, name, e));
        } catch (CommitStatusException e) {
            throw logged(LedgerException.from("COMMIT_STATUS_UNKNOWN", name, e));
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
