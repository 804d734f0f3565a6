package cn.cdcq.registry.client.fabric;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
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
    private final GatewayDeadlines deadlines;

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
        this.deadlines = deadlines;
        // No default commit-status deadline here: the gateway applies its defaults after a call's
        // own options (DefaultCallOptions), so one would override awaitCommit's shorter rounds.
        this.gateway = Gateway.newInstance()
                .identity(user.identity())
                .signer(user.signer())
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(options -> options.withDeadlineAfter(deadlines.evaluateSeconds(), TimeUnit.SECONDS))
                .endorseOptions(options -> options.withDeadlineAfter(deadlines.endorseSeconds(), TimeUnit.SECONDS))
                .submitOptions(options -> options.withDeadlineAfter(deadlines.submitSeconds(), TimeUnit.SECONDS))
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
        return submitAndAwait(contract, transaction, false, args).result();
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
                () -> submitAndAwait(contract, transaction, true, args));
    }

    /**
     * Endorses, submits and waits for the commit ({@link #awaitCommit}). The envelope's size is
     * serialised only when {@code measured} ({@link #submitCommitted}); a plain submit, the hot
     * path, gets 0 and skips it.
     */
    private Committed submitAndAwait(String contract, String transaction, boolean measured, String... args) {
        Contract c = network.getContract(chaincode, contract);
        String name = contract + ":" + transaction;
        try {
            Transaction endorsed = c.newProposal(transaction).addArguments(args).build().endorse();
            SubmittedTransaction submitted = endorsed.submitAsync();
            Status status = awaitCommit(name, endorsed, submitted, deadlines.commitStatusSeconds() * 1000L,
                    deadlines.resubmitSeconds() * 1000L, System::currentTimeMillis);
            if (!status.isSuccessful()) {
                throw logged(LedgerException.notCommitted(name, status.getTransactionId(), status.getCode(), null));
            }
            return new Committed(new String(endorsed.getResult(), StandardCharsets.UTF_8), status.getTransactionId(),
                    status.getBlockNumber(), measured ? endorsed.getBytes().length : 0);
        } catch (EndorseException e) {
            throw logged(LedgerException.from(LedgerException.ENDORSE, name, e));
        } catch (SubmitException e) {
            throw logged(LedgerException.from(LedgerException.SUBMIT, name, e));
        } catch (CommitStatusException e) {
            throw logged(LedgerException.from("COMMIT_STATUS_UNKNOWN", name, e));
        }
    }

    /**
     * Waits for the commit of {@code endorsed} (already handed to the orderers as {@code first}),
     * {@code waitMillis} in all, and hands the same signed transaction to the orderers again after
     * each {@code resubmitMillis} without a commit. Why: an orderer answers a broadcast SUCCESS
     * once the transaction is on its way to the Raft leader; a leader lost (killed, its host gone)
     * with the transaction in the block it had not cut yet drops it, nothing tells the gateway,
     * and a commit-status call would wait its whole deadline for a transaction nobody will ever
     * order (seen in fault case 16, docs/reliability.md). Sending it again is safe: it is the same
     * transaction id, and if both copies are ordered the peers commit the first and mark the
     * second DUPLICATE_TXID (Fabric core/committer/txvalidator/v20/validator.go), while the
     * commit status of an id is its first occurrence's (common/ledger/blkstorage/blockindex.go,
     * getTxIDVal). A copy the orderers refuse is logged and the wait goes on for those sent.
     * Any commit-status failure other than its deadline reaches the caller at once.
     */
    static Status awaitCommit(String name, Transaction endorsed, SubmittedTransaction first, long waitMillis,
                              long resubmitMillis, java.util.function.LongSupplier clockMillis) throws CommitStatusException {
        long start = clockMillis.getAsLong();
        long end = start + waitMillis;
        SubmittedTransaction submitted = first;
        int copies = 1;
        while (true) {
            long round = Math.max(1000, Math.min(end - clockMillis.getAsLong(), resubmitMillis));
            try {
                return submitted.getStatus(options -> options.withDeadlineAfter(round, TimeUnit.MILLISECONDS));
            } catch (CommitStatusException e) {
                // Less than a second left is no round: the wait ends rather than spin on copies.
                if (e.getStatus().getCode() != io.grpc.Status.Code.DEADLINE_EXCEEDED || end - clockMillis.getAsLong() < 1000) {
                    if (copies > 1) {
                        log.warn("{} ({}): no commit seen in {} s after {} copies were sent", name,
                                endorsed.getTransactionId(), (clockMillis.getAsLong() - start) / 1000, copies);
                    }
                    throw e;
                }
                log.warn("{} ({}) not committed {} s after it was sent: sending the same signed transaction again"
                                + " (copy {}; an orderer lost before it cut its block drops what it held)", name,
                        endorsed.getTransactionId(), (clockMillis.getAsLong() - start) / 1000, copies + 1);
                try {
                    submitted = endorsed.submitAsync();
                    copies++;
                } catch (SubmitException refused) {
                    log.warn("{} ({}): the copy was not taken ({}); still waiting for the one already sent", name,
                            endorsed.getTransactionId(), refused.getMessage());
                }
            }
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
