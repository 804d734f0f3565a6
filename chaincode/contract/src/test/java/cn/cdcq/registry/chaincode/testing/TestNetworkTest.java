package cn.cdcq.registry.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TestNetworkTest {

    private static final TestIdentity CD_BUREAU =
            TestIdentities.user("ChengduMSP", "cd-bureau", Map.of("role", "bureau"));
    private static final TestIdentity CQ_INSPECTOR =
            TestIdentities.user("ChongqingMSP", "cq-inspector", Map.of("role", "inspector", "inspectorId", "CQ-I-7"));
    private static final String CHENGDU_PRIVATE = InMemoryLedger.implicitCollection("ChengduMSP");

    private TestNetwork network;

    @BeforeEach
    void newNetwork() {
        network = new TestNetwork();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return ctx.getStub().getTxId();
    }

    @Nested
    class Invoke {

        @Test
        void commitsTheWritesOfATransactionThatReturns() {
            network.invoke(CD_BUREAU, ctx -> put(ctx, "k", "v"));

            String value = network.evaluate(CD_BUREAU, ctx -> ctx.getStub().getStringState("k"));

            assertThat(value).isEqualTo("v");
        }

        @Test
        void returnsWhatTheTransactionReturns() {
            String txId = network.invoke(CD_BUREAU, ctx -> put(ctx, "k", "v"));

            assertThat(network.ledger().lastCommittedTxId()).hasValue(txId);
        }

        @Test
        void leavesNoTraceOfATransactionThatThrowsAndRethrowsItsException() {
            ChaincodeException refusal = new ChaincodeException("certificate S1 exists", "CERTIFICATE_EXISTS");

            assertThatThrownBy(() -> network.invoke(CD_BUREAU, ctx -> {
                ctx.getStub().putStringState("k", "v");
                ctx.getStub().setEvent("CertificateIssued", bytes("{}"));
                throw refusal;
            })).isSameAs(refusal);

            assertThat(network.ledger().stateSnapshot()).isEmpty();
            assertThat(network.ledger().history("k")).isEmpty();
            assertThat(network.events()).isEmpty();
        }

        @Test
        void runsVoidTransactions() {
            network.invokeVoid(CD_BUREAU, ctx -> ctx.getStub().putStringState("k", "v"));

            assertThat(network.ledger().state("k")).isPresent();
        }

        @Test
        void handsTheTransactionItsTransientData() {
            String seen = network.invoke(CD_BUREAU, Map.of("holder", bytes("张三")),
                    ctx -> new String(ctx.getStub().getTransient().get("holder"), StandardCharsets.UTF_8));

            assertThat(seen).isEqualTo("张三");
        }

        @Test
        void buildsAContextWhoseClientIdentityIsTheSubmitter() {
            String seen = network.invoke(CQ_INSPECTOR, ctx -> ctx.getClientIdentity().getMSPID()
                    + " " + ctx.getClientIdentity().getAttributeValue("role")
                    + " " + ctx.getClientIdentity().getAttributeValue("inspectorId")
                    + " peer " + ctx.getStub().getMspId());

            assertThat(seen).isEqualTo("ChongqingMSP inspector CQ-I-7 peer ChongqingMSP");
        }

        @Test
        void givesEachTransactionAFreshFabricStyleId() {
            Set<String> txIds = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                txIds.add(network.invoke(CD_BUREAU, ctx -> ctx.getStub().getTxId()));
            }

            assertThat(txIds).hasSize(5).allMatch(id -> id.matches("[0-9a-f]{64}"));
        }
    }

    @Nested
    class Clock {

        @Test
        void advancesOneSecondPerTransactionFromTheDefaultStart() {
            Instant first = network.invoke(CD_BUREAU, ctx -> ctx.getStub().getTxTimestamp());
            Instant second = network.evaluate(CD_BUREAU, ctx -> ctx.getStub().getTxTimestamp());

            assertThat(first).isEqualTo(TestNetwork.DEFAULT_START);
            assertThat(second).isEqualTo(first.plusSeconds(1));
            assertThat(network.clock()).isEqualTo(first.plusSeconds(2));
        }

        @Test
        void canBeSetAndAdvanced() {
            network.setClock(Instant.parse("2027-06-30T23:59:59Z"));
            network.advanceClock(Duration.ofDays(1));

            Instant timestamp = network.invoke(CD_BUREAU, ctx -> ctx.getStub().getTxTimestamp());

            assertThat(timestamp).isEqualTo(Instant.parse("2027-07-01T23:59:59Z"));
        }

        @Test
        void stampsHistoryWithTheTransactionTime() {
            network.setClock(Instant.parse("2026-02-01T00:00:00Z"));
            String txId = network.invoke(CD_BUREAU, ctx -> put(ctx, "k", "v"));

            assertThat(network.ledger().history("k")).singleElement().satisfies(entry -> {
                assertThat(entry.txId()).isEqualTo(txId);
                assertThat(entry.timestamp()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
            });
        }
    }

    @Nested
    class Events {

        @Test
        void lastEventIsTheEventOfTheLastCommittedTransaction() {
            String txId = network.invoke(CD_BUREAU, ctx -> {
                ctx.getStub().setEvent("CenterAccredited", bytes("{\"centerId\":\"CD-TC-0042\"}"));
                return ctx.getStub().getTxId();
            });

            assertThat(network.lastEvent()).hasValueSatisfying(event -> {
                assertThat(event.txId()).isEqualTo(txId);
                assertThat(event.name()).isEqualTo("CenterAccredited");
                assertThat(event.payloadAsString()).isEqualTo("{\"centerId\":\"CD-TC-0042\"}");
            });
        }

        @Test
        void lastEventIsEmptyWhenTheLastTransactionEmittedNone() {
            network.invokeVoid(CD_BUREAU, ctx -> ctx.getStub().setEvent("First", bytes("1")));
            network.invoke(CD_BUREAU, ctx -> put(ctx, "k", "v"));

            assertThat(network.lastEvent()).isEmpty();
            assertThat(network.events()).extracting(EmittedEvent::name).containsExactly("First");
        }

        @Test
        void areListedInCommitOrder() {
            network.invokeVoid(CD_BUREAU, ctx -> ctx.getStub().setEvent("A", bytes("1")));
            network.invokeVoid(CD_BUREAU, ctx -> ctx.getStub().setEvent("B", bytes("2")));

            assertThat(network.events()).extracting(EmittedEvent::name).containsExactly("A", "B");
        }
    }

    @Nested
    class Evaluate {

        @Test
        void commitsNothingAndEmitsNothing() {
            network.evaluate(CD_BUREAU, ctx -> {
                ctx.getStub().setEvent("Queried", bytes("{}"));
                return null;
            });

            assertThat(network.events()).isEmpty();
            assertThat(network.ledger().lastCommittedTxId()).isEmpty();
        }

        @Test
        void failsATransactionThatWrites() {
            assertThatThrownBy(() -> network.evaluate(CD_BUREAU, ctx -> put(ctx, "k", "v")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("state put k");

            assertThat(network.ledger().stateSnapshot()).isEmpty();
        }
    }

    @Nested
    class EndorsementByBothRegions {

        @BeforeEach
        void requireBothPeers() {
            network.endorsingPeers("ChengduMSP", "ChongqingMSP");
        }

        @Test
        void commitsADeterministicTransactionOnce() {
            String txId = network.invoke(CD_BUREAU, ctx -> put(ctx, "k", "v"));

            assertThat(network.ledger().history("k")).singleElement()
                    .satisfies(entry -> assertThat(entry.txId()).isEqualTo(txId));
        }

        @Test
        void acceptsWritesToAnImplicitCollectionFromEitherPeer() {
            network.invoke(CD_BUREAU, ctx -> {
                ctx.getStub().putPrivateData(CHENGDU_PRIVATE, "worker-1", bytes("secret"));
                return null;
            });

            assertThat(network.ledger().privateData(CHENGDU_PRIVATE, "worker-1")).isPresent();
        }

        @Test
        void failsATransactionThatReadsAnImplicitCollectionOnlyOnePeerHolds() {
            network.endorsingPeers();
            network.invoke(CD_BUREAU, ctx -> {
                ctx.getStub().putPrivateData(CHENGDU_PRIVATE, "worker-1", bytes("secret"));
                return null;
            });
            network.endorsingPeers("ChengduMSP", "ChongqingMSP");

            assertThatThrownBy(() -> network.invoke(CD_BUREAU,
                    ctx -> ctx.getStub().getPrivateDataUTF8(CHENGDU_PRIVATE, "worker-1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ChongqingMSP is not a member");
        }

        @Test
        void failsATransactionWhosePeersComputeDifferentWrites() {
            assertThatThrownBy(() -> network.invoke(CD_BUREAU, ctx -> put(ctx, "endorsedBy", ctx.getStub().getMspId())))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("endorsing peers disagree");

            assertThat(network.ledger().stateSnapshot()).isEmpty();
        }
    }
}
