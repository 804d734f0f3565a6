package cn.cdcq.registry.chaincode.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hyperledger.fabric.contract.Context;

/**
 * A channel for contract unit tests: transactions run one after another against one
 * {@link InMemoryLedger}, each with its own stub, transaction id and timestamp, and a
 * {@link Context} built by the shim's own constructor, so {@code ctx.getClientIdentity()} parses
 * the creator's real certificate.
 *
 * <pre>{@code
 * TestNetwork network = new TestNetwork();
 * TestIdentity bureau = TestIdentities.user("ChengduMSP", "cd-bureau", Map.of("role", "bureau"));
 * TrainingCenter center = network.invoke(bureau, ctx -> contract.accredit(ctx, "91500000MA5U7Q1K3J", ...));
 * assertThat(network.lastEvent()).map(EmittedEvent::name).hasValue("CenterAccredited");
 * }</pre>
 *
 * <p>Bind a result to a typed variable before asserting on it: with an implicitly typed lambda
 * {@code assertThat(network.invoke(...))} cannot pick among AssertJ's overloads.
 *
 * <p>By default the client's own organization's peer endorses. With {@link #endorsingPeers} every
 * listed organization's peer simulates the transaction and their write sets and events must match,
 * as an {@code AND} endorsement policy demands: a contract that reads another organization's
 * implicit collection, or depends on the clock or randomness, fails here as it would on the network.
 */
public final class TestNetwork {

    /** The timestamp of the first transaction unless {@link #setClock} says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    /** How far the clock moves between transactions. */
    public static final Duration TICK = Duration.ofSeconds(1);

    private final InMemoryLedger ledger;
    private Instant clock = DEFAULT_START;
    private long proposals;
    private List<String> endorsingPeers = List.of();

    public TestNetwork() {
        this(new InMemoryLedger());
    }

    public TestNetwork(InMemoryLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public InMemoryLedger ledger() {
        return ledger;
    }

    /** The timestamp the next transaction will get. */
    public Instant clock() {
        return clock;
    }

    /** Sets the timestamp of the next transaction; later ones follow {@link #TICK} apart. */
    public void setClock(Instant nextTxTimestamp) {
        this.clock = Objects.requireNonNull(nextTxTimestamp, "nextTxTimestamp");
    }

    public void advanceClock(Duration by) {
        this.clock = clock.plus(by);
    }

    /**
     * The organizations whose peers endorse every submitted transaction, e.g.
     * {@code endorsingPeers("ChengduMSP", "ChongqingMSP")} for the default {@code AND} policy.
     * With none (the default) the client's own organization's peer endorses alone.
     */
    public TestNetwork endorsingPeers(String... mspIds) {
        this.endorsingPeers = List.of(mspIds);
        return this;
    }

    /**
     * Submits a transaction: runs {@code tx} on each endorsing peer, commits its writes and event
     * if it returns, and leaves no trace if it throws (the exception is rethrown as is).
     */
    public <T> T invoke(TestIdentity who, Function<Context, T> tx) {
        return invoke(who, Map.of(), tx);
    }

    /** Submits a transaction that carries transient data (private inputs never written to a block). */
    public <T> T invoke(TestIdentity who, Map<String, byte[]> transientData, Function<Context, T> tx) {
        Objects.requireNonNull(tx, "tx");
        Proposal proposal = nextProposal(who, transientData);
        List<String> peers = endorsingPeers.isEmpty() ? List.of(who.mspId()) : endorsingPeers;
        List<InMemoryStub> endorsements = new ArrayList<>();
        T result = null;
        for (String peer : peers) {
            InMemoryStub stub = proposal.simulateOn(peer);
            T returned = tx.apply(new Context(stub));
            if (endorsements.isEmpty()) {
                result = returned;
            }
            endorsements.add(stub);
        }
        requireMatchingEndorsements(peers, endorsements);
        endorsements.get(0).commit();
        return result;
    }

    /** {@link #invoke} for a transaction that returns nothing. */
    public void invokeVoid(TestIdentity who, Consumer<Context> tx) {
        Objects.requireNonNull(tx, "tx");
        invoke(who, ctx -> {
            tx.accept(ctx);
            return null;
        });
    }

    /**
     * Evaluates a query on the client's organization's peer, as the Gateway does: nothing is
     * committed, and a transaction that tries to write fails the test, because its writes would
     * silently vanish on the real network.
     */
    public <T> T evaluate(TestIdentity who, Function<Context, T> tx) {
        Objects.requireNonNull(tx, "tx");
        InMemoryStub stub = nextProposal(who, Map.of()).simulateOn(who.mspId());
        T result = tx.apply(new Context(stub));
        if (stub.hasWrites()) {
            throw new AssertionError("evaluated transaction " + stub.getTxId() + " wrote " + stub.simulationResults()
                    + ": evaluation never commits, so submit it with invoke, or make it read-only");
        }
        stub.discard();
        return result;
    }

    /** The event of the most recently committed transaction; empty if that transaction set none. */
    public Optional<EmittedEvent> lastEvent() {
        return ledger.lastCommittedTxId().flatMap(ledger::eventOf);
    }

    /** The events of all committed transactions, in commit order. */
    public List<EmittedEvent> events() {
        return ledger.events();
    }

    private Proposal nextProposal(TestIdentity who, Map<String, byte[]> transientData) {
        Objects.requireNonNull(who, "who");
        byte[] nonce = ByteBuffer.allocate(Long.BYTES).putLong(++proposals).array();
        String txId = InMemoryStub.newTxId(nonce, who.certificatePem().getBytes(StandardCharsets.UTF_8));
        Proposal proposal = new Proposal(ledger, who, txId, clock, Map.copyOf(transientData));
        clock = clock.plus(TICK);
        return proposal;
    }

    private static void requireMatchingEndorsements(List<String> peers, List<InMemoryStub> endorsements) {
        List<String> expected = endorsements.get(0).simulationResults();
        for (int i = 1; i < endorsements.size(); i++) {
            List<String> actual = endorsements.get(i).simulationResults();
            if (!actual.equals(expected)) {
                throw new AssertionError("the endorsing peers disagree on transaction " + endorsements.get(0).getTxId()
                        + ", so the Gateway would reject it (ProposalResponsePayloads do not match):\n  "
                        + peers.get(0) + ": " + expected + "\n  " + peers.get(i) + ": " + actual);
            }
        }
    }

    /** One signed proposal; each endorsing peer simulates it on a stub of its own. */
    private record Proposal(InMemoryLedger ledger, TestIdentity who, String txId, Instant timestamp,
            Map<String, byte[]> transientData) {

        InMemoryStub simulateOn(String peerMspId) {
            return InMemoryStub.builder(ledger)
                    .txId(txId)
                    .txTimestamp(timestamp)
                    .creator(who)
                    .peerMspId(peerMspId)
                    .transientData(transientData)
                    .build();
        }
    }
}
