package cn.cdcq.registry.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryStubTest {

    private static final String CHENGDU = "ChengduMSP";
    private static final String CHONGQING = "ChongqingMSP";
    private static final TestIdentity CD_BUREAU = TestIdentities.user(CHENGDU, "cd-bureau", Map.of("role", "bureau"));
    private static final TestIdentity CQ_BUREAU = TestIdentities.user(CHONGQING, "cq-bureau", Map.of("role", "bureau"));

    private InMemoryLedger ledger;
    private int txCount;

    @BeforeEach
    void newLedger() {
        ledger = new InMemoryLedger();
    }

    private InMemoryStub tx() {
        return tx(CD_BUREAU);
    }

    private InMemoryStub tx(TestIdentity who) {
        txCount++;
        return InMemoryStub.builder(ledger)
                .creator(who)
                .txId("tx" + txCount)
                .txTimestamp(Instant.parse("2026-03-01T08:00:00Z").plusSeconds(txCount))
                .build();
    }

    private void commitPuts(String... keys) {
        InMemoryStub stub = tx();
        for (String key : keys) {
            stub.putState(key, bytes("v-" + key));
        }
        stub.commit();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keysOf(QueryResultsIterator<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        try (results) {
            results.forEach(kv -> keys.add(kv.getKey()));
        }
        return keys;
    }

    private static List<String> keysOf(QueryResultsIteratorWithMetadata<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        try (results) {
            results.forEach(kv -> keys.add(kv.getKey()));
        }
        return keys;
    }

    @Nested
    class CompositeKeys {

        @Test
        void areBuiltInFabricFormatWithNamespacePrefixAndSeparators() {
            CompositeKey key = tx().createCompositeKey("Certificate", "CD", "S000012345");

            assertThat(key.toString()).isEqualTo("\u0000Certificate\u0000CD\u0000S000012345\u0000");
        }

        @Test
        void splitBackIntoObjectTypeAndAttributes() {
            InMemoryStub stub = tx();
            String key = stub.createCompositeKey("Rating", "91500000MA5U7Q1K3J", "2025").toString();

            CompositeKey split = stub.splitCompositeKey(key);

            assertThat(split.getObjectType()).isEqualTo("Rating");
            assertThat(split.getAttributes()).containsExactly("91500000MA5U7Q1K3J", "2025");
            assertThat(split.toString()).isEqualTo(key);
        }

        @Test
        void partialKeyQueryReturnsExactlyTheMatchingKeysInOrder() {
            InMemoryStub writer = tx();
            List<CompositeKey> written = List.of(
                    writer.createCompositeKey("Cert", "CQ", "001"),
                    writer.createCompositeKey("Cert", "CD", "002"),
                    writer.createCompositeKey("Cert", "CD", "001"),
                    writer.createCompositeKey("Cert", "CDX", "001"),
                    writer.createCompositeKey("Certificate", "CD", "001"),
                    writer.createCompositeKey("Cert"));
            written.forEach(key -> writer.putState(key.toString(), bytes("x")));
            writer.putState("Cert", bytes("a simple key"));
            writer.commit();
            InMemoryStub reader = tx();

            assertThat(keysOf(reader.getStateByPartialCompositeKey("Cert", "CD")))
                    .containsExactly(
                            new CompositeKey("Cert", "CD", "001").toString(),
                            new CompositeKey("Cert", "CD", "002").toString());
            assertThat(keysOf(reader.getStateByPartialCompositeKey(new CompositeKey("Cert"))))
                    .containsExactly(
                            new CompositeKey("Cert").toString(),
                            new CompositeKey("Cert", "CD", "001").toString(),
                            new CompositeKey("Cert", "CD", "002").toString(),
                            new CompositeKey("Cert", "CDX", "001").toString(),
                            new CompositeKey("Cert", "CQ", "001").toString());
        }

        @Test
        void partialKeyQueryAcceptsAnObjectTypeOrAPartialKeyString() {
            InMemoryStub writer = tx();
            writer.putState(writer.createCompositeKey("Case", "CD", "1").toString(), bytes("x"));
            writer.putState(writer.createCompositeKey("Case", "CQ", "1").toString(), bytes("x"));
            writer.commit();
            InMemoryStub reader = tx();

            assertThat(keysOf(reader.getStateByPartialCompositeKey("Case"))).hasSize(2);
            assertThat(keysOf(reader.getStateByPartialCompositeKey(new CompositeKey("Case", "CQ").toString())))
                    .containsExactly(new CompositeKey("Case", "CQ", "1").toString());
        }

        @Test
        void stayOutOfSimpleKeyRangeQueries() {
            InMemoryStub writer = tx();
            writer.putState(writer.createCompositeKey("Cert", "CD").toString(), bytes("x"));
            writer.putState("enterprise-1", bytes("x"));
            writer.commit();

            assertThat(keysOf(tx().getStateByRange("", ""))).containsExactly("enterprise-1");
        }

        @Test
        void cannotBoundASimpleKeyRangeQuery() {
            String composite = new CompositeKey("Cert", "CD").toString();

            assertThatThrownBy(() -> tx().getStateByRange(composite, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+000000");
        }
    }

    @Nested
    class RangeQueries {

        @Test
        void includeTheStartKeyAndExcludeTheEndKey() {
            commitPuts("a", "b", "c", "d");

            assertThat(keysOf(tx().getStateByRange("b", "d"))).containsExactly("b", "c");
        }

        @Test
        void treatEmptyBoundsAsOpen() {
            commitPuts("a", "b", "c");
            InMemoryStub reader = tx();

            assertThat(keysOf(reader.getStateByRange("", ""))).containsExactly("a", "b", "c");
            assertThat(keysOf(reader.getStateByRange("b", ""))).containsExactly("b", "c");
            assertThat(keysOf(reader.getStateByRange("", "b"))).containsExactly("a");
        }

        @Test
        void returnNothingForAnEmptyOrInvertedRange() {
            commitPuts("a", "b", "c");
            InMemoryStub reader = tx();

            assertThat(keysOf(reader.getStateByRange("b", "b"))).isEmpty();
            assertThat(keysOf(reader.getStateByRange("c", "a"))).isEmpty();
        }

        @Test
        void orderKeysByUtf8BytesNotByJavaStringOrder() {
            String privateUse = "\uE000";
            String supplementary = new String(Character.toChars(0x20000));
            commitPuts(privateUse, supplementary, "z");

            // String.compareTo would put the surrogate pair (0xD840...) before U+E000.
            assertThat(keysOf(tx().getStateByRange("", ""))).containsExactly("z", privateUse, supplementary);
        }

        @Test
        void returnValuesAsCommitted() {
            commitPuts("k");

            try (QueryResultsIterator<KeyValue> results = tx().getStateByRange("", "")) {
                KeyValue only = results.iterator().next();
                assertThat(only.getStringValue()).isEqualTo("v-k");
                assertThat(only.getValue()).isEqualTo(bytes("v-k"));
            }
        }

        @Test
        void refuseReadingAfterClose() {
            commitPuts("a");
            QueryResultsIterator<KeyValue> results = tx().getStateByRange("", "");
            results.close();

            assertThatThrownBy(() -> results.iterator().hasNext()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void pageWithBookmarksUntilTheRangeIsExhausted() {
            commitPuts("a", "b", "c", "d", "e");
            InMemoryStub reader = tx();

            QueryResultsIteratorWithMetadata<KeyValue> first = reader.getStateByRangeWithPagination("a", "e", 3, "");
            QueryResponseMetadata firstPage = first.getMetadata();
            assertThat(keysOf(first)).containsExactly("a", "b", "c");
            assertThat(firstPage.getFetchedRecordsCount()).isEqualTo(3);
            assertThat(firstPage.getBookmark()).isEqualTo("d");

            QueryResultsIteratorWithMetadata<KeyValue> second =
                    reader.getStateByRangeWithPagination("a", "e", 3, firstPage.getBookmark());
            assertThat(second.getMetadata().getFetchedRecordsCount()).isEqualTo(1);
            assertThat(second.getMetadata().getBookmark()).isEmpty();
            assertThat(keysOf(second)).containsExactly("d");
        }

        @Test
        void pagePartialCompositeKeyQueries() {
            InMemoryStub writer = tx();
            for (String serial : List.of("1", "2", "3")) {
                writer.putState(writer.createCompositeKey("Cert", "CD", serial).toString(), bytes("x"));
            }
            writer.commit();

            QueryResultsIteratorWithMetadata<KeyValue> page =
                    tx().getStateByPartialCompositeKeyWithPagination(new CompositeKey("Cert", "CD"), 2, "");

            assertThat(page.getMetadata().getBookmark()).isEqualTo(new CompositeKey("Cert", "CD", "3").toString());
            assertThat(keysOf(page)).containsExactly(
                    new CompositeKey("Cert", "CD", "1").toString(), new CompositeKey("Cert", "CD", "2").toString());
        }

        @Test
        void refusePaginationInATransactionThatWrote() {
            InMemoryStub stub = tx();
            stub.putState("a", bytes("1"));

            assertThatThrownBy(() -> stub.getStateByRangeWithPagination("", "", 10, ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Paginated queries are supported only in a read-only transaction");
        }

        @Test
        void refuseWritesAfterAPaginatedQuery() {
            InMemoryStub stub = tx();
            stub.getStateByRangeWithPagination("", "", 10, "").close();

            assertThatThrownBy(() -> stub.putState("a", bytes("1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Writes are not allowed");
        }
    }

    @Nested
    class Isolation {

        @Test
        void aTransactionDoesNotSeeItsOwnWritesButTheNextOneDoes() {
            InMemoryStub first = tx();
            first.putState("k", bytes("new"));

            assertThat(first.getState("k")).isEmpty();
            assertThat(keysOf(first.getStateByRange("", ""))).isEmpty();

            first.commit();
            assertThat(tx().getStringState("k")).isEqualTo("new");
        }

        @Test
        void aDeleteIsInvisibleUntilCommitted() {
            commitPuts("k");
            InMemoryStub deleter = tx();
            deleter.delState("k");

            assertThat(deleter.getStringState("k")).isEqualTo("v-k");
            deleter.commit();
            assertThat(tx().getState("k")).isEmpty();
            assertThat(ledger.state("k")).isEmpty();
        }

        @Test
        void aMissingKeyReadsAsAnEmptyArrayNotNull() {
            assertThat(tx().getState("nothing")).isNotNull().isEmpty();
        }

        @Test
        void theLastWriteOfAKeyInATransactionWins() {
            InMemoryStub stub = tx();
            stub.putState("k", bytes("first"));
            stub.putState("k", bytes("second"));
            stub.commit();

            assertThat(ledger.state("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("second")));
        }

        @Test
        void anEmptyValueCommitsAsADelete() {
            commitPuts("k");
            InMemoryStub stub = tx();
            stub.putState("k", new byte[0]);
            stub.commit();

            assertThat(ledger.state("k")).isEmpty();
            assertThat(ledger.history("k").get(0).isDeleted()).isTrue();
        }

        @Test
        void aDiscardedTransactionLeavesNoTrace() {
            InMemoryStub stub = tx();
            stub.putState("k", bytes("v"));
            stub.setEvent("Written", bytes("{}"));
            stub.discard();

            assertThat(ledger.stateSnapshot()).isEmpty();
            assertThat(ledger.history("k")).isEmpty();
            assertThat(ledger.events()).isEmpty();
        }

        @Test
        void aSpentStubRefusesFurtherUse() {
            InMemoryStub stub = tx();
            stub.commit();

            assertThatThrownBy(() -> stub.getState("k"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already committed");
            assertThatThrownBy(stub::commit).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void valuesAreCopiedInAndOut() {
            byte[] value = bytes("original");
            InMemoryStub stub = tx();
            stub.putState("k", value);
            value[0] = 'X';
            stub.commit();
            tx().getState("k")[0] = 'Y';

            assertThat(tx().getStringState("k")).isEqualTo("original");
        }

        @Test
        void keysMustBeNonEmptyValidUnicode() {
            InMemoryStub stub = tx();

            assertThatThrownBy(() -> stub.putState("", bytes("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> stub.putState("bad\uD800", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UTF-8");
        }
    }

    @Nested
    class History {

        @Test
        void listsEveryCommittedChangeNewestFirstWithTxIdTimestampAndDeletes() {
            InMemoryStub create = tx();
            create.putState("k", bytes("v1"));
            create.commit();
            InMemoryStub update = tx();
            update.putState("k", bytes("v2"));
            update.commit();
            InMemoryStub delete = tx();
            delete.delState("k");
            delete.commit();

            List<KeyModification> history = new ArrayList<>();
            try (QueryResultsIterator<KeyModification> results = tx().getHistoryForKey("k")) {
                results.forEach(history::add);
            }

            assertThat(history).extracting(KeyModification::getTxId)
                    .containsExactly(delete.getTxId(), update.getTxId(), create.getTxId());
            assertThat(history).extracting(KeyModification::getTimestamp)
                    .containsExactly(delete.getTxTimestamp(), update.getTxTimestamp(), create.getTxTimestamp());
            assertThat(history).extracting(KeyModification::isDeleted).containsExactly(true, false, false);
            assertThat(history).extracting(KeyModification::getStringValue).containsExactly("", "v2", "v1");
        }

        @Test
        void recordsOneEntryPerTransactionAndNothingUncommitted() {
            InMemoryStub stub = tx();
            stub.putState("k", bytes("draft"));
            stub.putState("k", bytes("final"));

            assertThat(stub.getHistoryForKey("k")).isEmpty();
            stub.commit();
            assertThat(ledger.history("k")).singleElement()
                    .satisfies(entry -> assertThat(entry.valueAsString()).isEqualTo("final"));
        }

        @Test
        void refusesADuplicateTransactionId() {
            InMemoryStub.builder(ledger).txId("same").build().commit();

            assertThatThrownBy(() -> InMemoryStub.builder(ledger).txId("same").build().commit())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("duplicate transaction id");
        }
    }

    @Nested
    class PrivateData {

        private final String chengdu = InMemoryLedger.implicitCollection(CHENGDU);
        private final String chongqing = InMemoryLedger.implicitCollection(CHONGQING);

        @Test
        void implicitCollectionsAreNamedAsFabricNamesThem() {
            assertThat(chengdu).isEqualTo("_implicit_org_ChengduMSP");
        }

        @Test
        void isKeptApartFromPublicStateAndFromOtherCollections() {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "worker-1", bytes("{\"name\":\"张三\"}"));
            writer.commit();
            InMemoryStub chengduPeer = tx(CD_BUREAU);

            assertThat(chengduPeer.getPrivateDataUTF8(chengdu, "worker-1")).isEqualTo("{\"name\":\"张三\"}");
            assertThat(chengduPeer.getState("worker-1")).isEmpty();
            assertThat(chengduPeer.getPrivateData(chongqing, "worker-1")).isEmpty();
            assertThat(ledger.stateSnapshot()).isEmpty();
            assertThat(ledger.privateDataSnapshot(chongqing)).isEmpty();
        }

        @Test
        void isNotVisibleToItsOwnTransaction() {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "worker-1", bytes("x"));

            assertThat(writer.getPrivateData(chengdu, "worker-1")).isEmpty();
        }

        @Test
        void cannotBeReadOnAPeerOutsideTheCollectionButItsHashCan() throws Exception {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "worker-1", bytes("secret"));
            writer.commit();
            InMemoryStub chongqingPeer = tx(CQ_BUREAU);

            assertThatThrownBy(() -> chongqingPeer.getPrivateData(chengdu, "worker-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not a member of collection _implicit_org_ChengduMSP");
            assertThat(chongqingPeer.getPrivateDataHash(chengdu, "worker-1"))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes("secret")));
            assertThat(keysOf(chongqingPeer.getPrivateDataByRange(chengdu, "", ""))).isEmpty();
        }

        @Test
        void isHeldByTheSimulatingPeerNotTheClient() {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "worker-1", bytes("secret"));
            writer.commit();
            InMemoryStub chongqingClientOnChengduPeer = InMemoryStub.builder(ledger)
                    .creator(CQ_BUREAU).peerMspId(CHENGDU).build();

            assertThat(chongqingClientOnChengduPeer.getMspId()).isEqualTo(CHENGDU);
            assertThat(chongqingClientOnChengduPeer.getPrivateDataUTF8(chengdu, "worker-1")).isEqualTo("secret");
        }

        @Test
        void explicitCollectionsMustBeDefined() {
            assertThatThrownBy(() -> tx().putPrivateData("sharedCases", "k", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("collection [sharedCases] not defined");

            ledger.defineCollection("sharedCases", CHENGDU, CHONGQING);
            InMemoryStub writer = tx();
            writer.putPrivateData("sharedCases", "k", bytes("v"));
            writer.commit();
            assertThat(tx(CQ_BUREAU).getPrivateDataUTF8("sharedCases", "k")).isEqualTo("v");
        }

        @Test
        void supportsRangeAndPartialCompositeKeyQueries() {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "a", bytes("1"));
            writer.putPrivateData(chengdu, "b", bytes("2"));
            writer.putPrivateData(chengdu, writer.createCompositeKey("Person", "p1").toString(), bytes("3"));
            writer.putPrivateData(chengdu, writer.createCompositeKey("Person", "p2").toString(), bytes("4"));
            writer.commit();

            assertThat(keysOf(tx(CD_BUREAU).getPrivateDataByRange(chengdu, "a", "b"))).containsExactly("a");
            assertThat(keysOf(tx(CD_BUREAU).getPrivateDataByPartialCompositeKey(chengdu, "Person", "p2")))
                    .containsExactly(new CompositeKey("Person", "p2").toString());
            assertThat(keysOf(tx(CD_BUREAU).getPrivateDataByPartialCompositeKey(chengdu, "Person"))).hasSize(2);
        }

        @Test
        void rangeQueriesAreRefusedOnceTheTransactionWrote() {
            InMemoryStub stub = tx(CD_BUREAU);
            stub.putState("public", bytes("x"));

            assertThatThrownBy(() -> stub.getPrivateDataByRange(chengdu, "", ""))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Queries on pvt data is supported only in a read-only transaction");
        }

        @Test
        void deletesOnCommit() {
            InMemoryStub writer = tx(CD_BUREAU);
            writer.putPrivateData(chengdu, "k", bytes("v"));
            writer.commit();
            InMemoryStub deleter = tx(CD_BUREAU);
            deleter.delPrivateData(chengdu, "k");
            deleter.commit();

            assertThat(ledger.privateData(chengdu, "k")).isEmpty();
            assertThat(tx(CD_BUREAU).getPrivateDataHash(chengdu, "k")).isEmpty();
        }
    }

    @Nested
    class Events {

        @Test
        void onlyTheLastEventOfATransactionIsKept() {
            InMemoryStub stub = tx();
            stub.setEvent("First", bytes("1"));
            stub.setEvent("Second", bytes("2"));
            stub.commit();

            assertThat(ledger.events()).containsExactly(new EmittedEvent(stub.getTxId(), "Second", bytes("2")));
            assertThat(stub.getEvent().getEventName()).isEqualTo("Second");
        }

        @Test
        void needANonEmptyName() {
            assertThatThrownBy(() -> tx().setEvent("", bytes("1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event name can not be nil string");
        }
    }

    @Nested
    class Invocation {

        @Test
        void reportsFunctionParametersAndArgs() {
            InMemoryStub stub = InMemoryStub.builder(ledger).args("issue", "S1", "4-04-05-01").build();

            assertThat(stub.getFunction()).isEqualTo("issue");
            assertThat(stub.getParameters()).containsExactly("S1", "4-04-05-01");
            assertThat(stub.getStringArgs()).containsExactly("issue", "S1", "4-04-05-01");
            assertThat(stub.getArgs()).hasSize(3);
        }

        @Test
        void hasNoFunctionWithoutArgs() {
            assertThat(InMemoryStub.builder(ledger).build().getFunction()).isNull();
        }

        @Test
        void carriesTheTransientMapChannelAndTimestamp() {
            Instant at = Instant.parse("2026-05-01T00:00:00Z");
            InMemoryStub stub = InMemoryStub.builder(ledger)
                    .transientData(Map.of("holder", bytes("{\"id\":\"x\"}")))
                    .txTimestamp(at)
                    .build();

            assertThat(stub.getTransient()).containsOnlyKeys("holder");
            assertThat(stub.getTransient().get("holder")).isEqualTo(bytes("{\"id\":\"x\"}"));
            assertThat(stub.getTxTimestamp()).isEqualTo(at);
            assertThat(stub.getChannelId()).isEqualTo("laborchannel");
        }

        @Test
        void serializesTheCreatorAsAnMspIdentityWithThePemCertificate() throws Exception {
            SerializedIdentity creator = SerializedIdentity.parseFrom(tx(CQ_BUREAU).getCreator());

            assertThat(creator.getMspid()).isEqualTo(CHONGQING);
            assertThat(creator.getIdBytes().toStringUtf8()).isEqualTo(CQ_BUREAU.certificatePem());
        }

        @Test
        void getsAFabricStyleTransactionIdByDefault() {
            assertThat(InMemoryStub.builder(ledger).creator(CD_BUREAU).build().getTxId()).matches("[0-9a-f]{64}");
        }

        @Test
        void explainsWhatItCannotDo() {
            InMemoryStub stub = tx();

            assertThatThrownBy(() -> stub.getQueryResult("{\"selector\":{}}"))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("CouchDB");
            assertThatThrownBy(() -> stub.invokeChaincode("other", List.of()))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("one chaincode");
            assertThatThrownBy(() -> stub.setStateValidationParameter("k", bytes("p")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("endorsement");
            assertThatThrownBy(stub::getSignedProposal).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(stub::getBinding).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
