package cn.cdcq.registry.chaincode.testing;

import static cn.cdcq.registry.chaincode.testing.InMemoryLedger.KEY_ORDER;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction simulated against an {@link InMemoryLedger}, with the semantics a Fabric 2.5
 * peer gives a Java chaincode on LevelDB:
 * <ul>
 *   <li>reads see only committed state: a transaction never sees its own writes;</li>
 *   <li>writes are buffered (the last write of a key wins) and reach the ledger only through
 *       {@link #commit()}; an empty value is a delete, as the peer commits it;</li>
 *   <li>range queries are half-open {@code [startKey, endKey)} in UTF-8 byte order, an empty end
 *       key means "to the end", and simple-key ranges never return composite keys;</li>
 *   <li>paginated queries and private data range queries are refused once the transaction has
 *       written, and writes are refused after them, as the peer's transaction simulator does;</li>
 *   <li>private data is held only by the peers of a collection's member organizations: a peer
 *       reading a collection it is not a member of gets an error for a key that exists;</li>
 *   <li>only the last event set is kept.</li>
 * </ul>
 * What a peer does without an in-memory meaning (CouchDB rich queries, chaincode-to-chaincode
 * calls, state-based endorsement, the signed proposal) throws {@link UnsupportedOperationException}.
 */
public final class InMemoryStub implements ChaincodeStub {

    /** The channel of the local network (scripts/lib/network.sh). */
    public static final String DEFAULT_CHANNEL = "laborchannel";

    // The shim starts simple-key ranges here, so composite keys (prefix U+0000) stay out of them.
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x01));
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));
    private static final SecureRandom NONCES = new SecureRandom();

    private final InMemoryLedger ledger;
    private final String channelId;
    private final String txId;
    private final Instant txTimestamp;
    private final byte[] creator;
    private final String peerMspId;
    private final List<byte[]> args;
    private final Map<String, byte[]> transientData;

    private final SortedMap<String, byte[]> writes = new TreeMap<>(KEY_ORDER);
    private final SortedMap<String, SortedMap<String, byte[]>> privateWrites = new TreeMap<>();
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean privateDataQueryPerformed;
    private boolean paginatedQueryPerformed;
    private String finishedAs;

    private InMemoryStub(Builder builder) {
        this.ledger = builder.ledger;
        this.channelId = builder.channelId;
        this.creator = builder.creator;
        this.txId = builder.txId != null ? builder.txId : newTxId(randomNonce(), creator);
        this.txTimestamp = builder.txTimestamp != null ? builder.txTimestamp : Instant.now();
        this.peerMspId = builder.peerMspId != null ? builder.peerMspId : builder.creatorMspId;
        this.args = builder.args.stream().map(byte[]::clone).toList();
        this.transientData = copyValues(builder.transientData);
    }

    /** Starts a transaction against {@code ledger}. */
    public static Builder builder(InMemoryLedger ledger) {
        return new Builder(ledger);
    }

    /**
     * A transaction id as Fabric computes it: hex SHA-256 of the proposal nonce followed by the
     * serialized creator.
     */
    public static String newTxId(byte[] nonce, byte[] serializedCreator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(nonce);
            if (serializedCreator != null) {
                sha256.update(serializedCreator);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** What a {@link InMemoryStub} is created with; everything but the ledger is optional. */
    public static final class Builder {
        private final InMemoryLedger ledger;
        private String channelId = DEFAULT_CHANNEL;
        private String txId;
        private Instant txTimestamp;
        private byte[] creator;
        private String creatorMspId;
        private String peerMspId;
        private List<byte[]> args = List.of();
        private Map<String, byte[]> transientData = Map.of();

        private Builder(InMemoryLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        public Builder channelId(String channelId) {
            this.channelId = Objects.requireNonNull(channelId, "channelId");
            return this;
        }

        /** Defaults to a Fabric-style id over a random nonce and the creator. */
        public Builder txId(String txId) {
            this.txId = Objects.requireNonNull(txId, "txId");
            return this;
        }

        /** Defaults to now. */
        public Builder txTimestamp(Instant txTimestamp) {
            this.txTimestamp = Objects.requireNonNull(txTimestamp, "txTimestamp");
            return this;
        }

        /** The submitting client: its MSP id and PEM certificate, serialized as Fabric does. */
        public Builder creator(TestIdentity identity) {
            return creator(identity.mspId(), identity.certificatePem().getBytes(StandardCharsets.UTF_8));
        }

        /** The submitting client as an MSP id and identity bytes (a PEM X.509 certificate). */
        public Builder creator(String mspId, byte[] idBytes) {
            this.creatorMspId = Objects.requireNonNull(mspId, "mspId");
            this.creator = SerializedIdentity.newBuilder()
                    .setMspid(mspId)
                    .setIdBytes(ByteString.copyFrom(idBytes))
                    .build()
                    .toByteArray();
            return this;
        }

        /**
         * The organization of the peer that simulates the transaction, which {@code getMspId()}
         * returns and which decides the private data the peer holds. Defaults to the creator's.
         */
        public Builder peerMspId(String peerMspId) {
            this.peerMspId = Objects.requireNonNull(peerMspId, "peerMspId");
            return this;
        }

        /** The invocation arguments, function name first. */
        public Builder args(List<byte[]> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** The invocation arguments as text, function name first. */
        public Builder args(String function, String... parameters) {
            List<byte[]> all = new ArrayList<>();
            all.add(function.getBytes(StandardCharsets.UTF_8));
            Arrays.stream(parameters).map(p -> p.getBytes(StandardCharsets.UTF_8)).forEach(all::add);
            return args(all);
        }

        /** The transient data a client sends alongside the proposal (never written to the ledger). */
        public Builder transientData(Map<String, byte[]> transientData) {
            this.transientData = Map.copyOf(transientData);
            return this;
        }

        public InMemoryStub build() {
            return new InMemoryStub(this);
        }
    }

    // ---- the transaction's outcome -------------------------------------------------------------

    /** Applies this transaction's writes and event to the ledger; the stub is spent afterwards. */
    public void commit() {
        requireActive();
        ledger.commit(txId, txTimestamp, writes, new TreeMap<>(privateWrites), emittedEvent());
        finishedAs = "committed";
    }

    /** Drops this transaction's writes, as a failed or merely evaluated proposal leaves no trace. */
    public void discard() {
        requireActive();
        finishedAs = "discarded";
    }

    /** Whether the transaction wrote (or deleted) any public or private key. */
    boolean hasWrites() {
        return !writes.isEmpty() || !privateWrites.isEmpty();
    }

    /**
     * The results endorsing peers would sign: the write set (private values by hash, as proposal
     * responses carry them) and the event, one line per entry, in key order.
     */
    List<String> simulationResults() {
        List<String> lines = new ArrayList<>();
        writes.forEach((key, value) -> lines.add(describeWrite("state", key, value, HexFormat.of()::formatHex)));
        privateWrites.forEach((collection, entries) -> entries.forEach((key, value) -> lines.add(
                describeWrite("private " + collection, key, value, v -> "sha256:" + HexFormat.of().formatHex(sha256(v))))));
        if (event != null) {
            lines.add("event " + event.getEventName() + " " + HexFormat.of().formatHex(event.getPayload().toByteArray()));
        }
        return lines;
    }

    private static String describeWrite(String where, String key, byte[] value, Function<byte[], String> show) {
        String printableKey = key.replace("\u0000", "\\u0000");
        return value == null || value.length == 0
                ? where + " delete " + printableKey
                : where + " put " + printableKey + " = " + show.apply(value);
    }

    private EmittedEvent emittedEvent() {
        return event == null ? null : new EmittedEvent(txId, event.getEventName(), event.getPayload().toByteArray());
    }

    // ---- invocation ----------------------------------------------------------------------------

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(arg -> new String(arg, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        List<String> stringArgs = getStringArgs();
        return stringArgs.isEmpty() ? null : stringArgs.get(0);
    }

    @Override
    public List<String> getParameters() {
        return getStringArgs().stream().skip(1).toList();
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public Instant getTxTimestamp() {
        return txTimestamp;
    }

    /** The protobuf-serialized {@code msp.SerializedIdentity} of the client; null when none was set. */
    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return copyValues(transientData);
    }

    /** The MSP id of the peer simulating the transaction (not the client's). */
    @Override
    public String getMspId() {
        if (peerMspId == null) {
            throw new IllegalStateException("no peer MSP id: give the stub a creator or a peerMspId, "
                    + "as a real peer has CORE_PEER_LOCALMSPID");
        }
        return peerMspId;
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        requireActive();
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    // ---- public state --------------------------------------------------------------------------

    @Override
    public byte[] getState(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        requireActive();
        return valueOrEmpty(ledger.committedState().get(key));
    }

    @Override
    public void putState(String key, byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null; use delState to delete " + key);
        checkWritePrecondition();
        writes.put(key, value.clone());
    }

    @Override
    public void delState(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = rangeStart(startKey);
        CompositeKey.validateSimpleKeys(start, endKey);
        requireActive();
        return new SnapshotIterator<>(range(ledger.committedState(), start, endKey), null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        String start = rangeStart(startKey);
        CompositeKey.validateSimpleKeys(start, endKey);
        checkBeforePaginatedQuery();
        return page(ledger.committedState(), start, endKey, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(toPartialKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = partialKeyPrefix(compositeKey);
        requireActive();
        return new SnapshotIterator<>(range(ledger.committedState(), prefix, prefix + MAX_UNICODE_RUNE), null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = partialKeyPrefix(compositeKey);
        checkBeforePaginatedQuery();
        return page(ledger.committedState(), prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    /** Newest change first, as Fabric 2.x orders history; only committed transactions appear. */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        requireActive();
        return new SnapshotIterator<>(List.copyOf(ledger.history(key)), null);
    }

    // ---- private data --------------------------------------------------------------------------

    @Override
    public byte[] getPrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        requireActive();
        byte[] committed = ledger.committedPrivateData(collection).get(key);
        if (committed != null && !ledger.isMember(collection, getMspId())) {
            throw new IllegalStateException("private data matching public hash version is not available: "
                    + "the simulating peer of " + getMspId() + " is not a member of collection " + collection
                    + " and holds only the hash of key " + key);
        }
        return valueOrEmpty(committed);
    }

    /** SHA-256 of the committed value, which every peer holds whatever its membership; empty if none. */
    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        requireActive();
        byte[] committed = ledger.committedPrivateData(collection).get(key);
        return committed == null ? new byte[0] : sha256(committed);
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        Objects.requireNonNull(value, "value cannot be null; use delPrivateData to delete " + key);
        checkWritePrecondition();
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>(KEY_ORDER)).put(key, value.clone());
    }

    @Override
    public void delPrivateData(String collection, String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        checkWritePrecondition();
        privateWrites.computeIfAbsent(collection, c -> new TreeMap<>(KEY_ORDER)).put(key, null);
    }

    /** Deletes the key; the in-memory ledger keeps no private history for a purge to remove. */
    @Override
    public void purgePrivateData(String collection, String key) {
        delPrivateData(collection, key);
    }

    /** Empty on a peer that is not a member of the collection: it holds none of the data. */
    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        validateCollection(collection);
        String start = rangeStart(startKey);
        CompositeKey.validateSimpleKeys(start, endKey);
        checkBeforePrivateDataQuery();
        return new SnapshotIterator<>(range(heldPrivateData(collection), start, endKey), null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        CompositeKey partial = compositeKey == null ? new CompositeKey("") : toPartialKey(compositeKey);
        return getPrivateDataByPartialCompositeKey(collection, partial);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey) {
        validateCollection(collection);
        String prefix = partialKeyPrefix(compositeKey);
        checkBeforePrivateDataQuery();
        return new SnapshotIterator<>(range(heldPrivateData(collection), prefix, prefix + MAX_UNICODE_RUNE), null);
    }

    private NavigableMap<String, byte[]> heldPrivateData(String collection) {
        return ledger.isMember(collection, getMspId())
                ? ledger.committedPrivateData(collection)
                : new TreeMap<>(KEY_ORDER);
    }

    // ---- what an in-memory ledger cannot mean --------------------------------------------------

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException("invokeChaincode(" + chaincodeName + "): the in-memory ledger "
                + "runs one chaincode; call the other contract's class directly, or test on the real network");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw richQueryUnsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw richQueryUnsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw richQueryUnsupported();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw stateBasedEndorsementUnsupported();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw stateBasedEndorsementUnsupported();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw stateBasedEndorsementUnsupported();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw stateBasedEndorsementUnsupported();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw new UnsupportedOperationException("getSignedProposal: the in-memory stub has no signed proposal; "
                + "read the client through getCreator() or ctx.getClientIdentity()");
    }

    @Override
    public byte[] getBinding() {
        throw new UnsupportedOperationException("getBinding: the binding hashes a signed proposal's nonce, "
                + "creator and epoch, and the in-memory stub has no signed proposal");
    }

    private static UnsupportedOperationException richQueryUnsupported() {
        return new UnsupportedOperationException("rich (JSON selector) queries need CouchDB, and the network runs "
                + "LevelDB: use composite keys and range queries instead");
    }

    private static UnsupportedOperationException stateBasedEndorsementUnsupported() {
        return new UnsupportedOperationException("state-based endorsement is enforced by peers when they validate "
                + "a block; the in-memory ledger has no endorsement policies to enforce");
    }

    // ---- rules the shim and the peer's transaction simulator apply -----------------------------

    private void requireActive() {
        if (finishedAs != null) {
            throw new IllegalStateException("transaction " + txId + " was already " + finishedAs
                    + ": start a new stub for the next transaction");
        }
    }

    private void checkWritePrecondition() {
        requireActive();
        if (privateDataQueryPerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Transaction has already "
                    + "performed queries on pvt data. Writes are not allowed");
        }
        if (paginatedQueryPerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Transaction has already "
                    + "performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
    }

    private void checkBeforePrivateDataQuery() {
        requireActive();
        if (writePerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Queries on pvt data "
                    + "is supported only in a read-only transaction");
        }
        privateDataQueryPerformed = true;
    }

    private void checkBeforePaginatedQuery() {
        requireActive();
        if (writePerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsupported transaction. Paginated queries are "
                    + "supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("invalid key [" + key + "], must be a UTF-8 string: "
                        + "unpaired surrogate at index " + i);
            }
        }
    }

    private void validateCollection(String collection) {
        Objects.requireNonNull(collection, "collection cannot be null");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("collection must not be an empty string");
        }
        if (!ledger.isDefined(collection)) {
            throw new IllegalArgumentException("collection [" + collection + "] not defined in the collection "
                    + "config: declare it with InMemoryLedger.defineCollection, or use an implicit collection ("
                    + InMemoryLedger.IMPLICIT_COLLECTION_PREFIX + "<MSPID>)");
        }
    }

    // ---- queries -------------------------------------------------------------------------------

    private static String rangeStart(String startKey) {
        return startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    }

    private static CompositeKey toPartialKey(String compositeKey) {
        return compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
    }

    private static String partialKeyPrefix(CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private static List<KeyValue> range(NavigableMap<String, byte[]> source, String startKey, String endKey) {
        Objects.requireNonNull(endKey, "endKey cannot be null; use \"\" for an open end");
        NavigableMap<String, byte[]> selected;
        if (endKey.isEmpty()) {
            selected = source.tailMap(startKey, true);
        } else if (KEY_ORDER.compare(startKey, endKey) >= 0) {
            selected = new TreeMap<>(KEY_ORDER);
        } else {
            selected = source.subMap(startKey, true, endKey, false);
        }
        List<KeyValue> results = new ArrayList<>(selected.size());
        selected.forEach((key, value) -> results.add(new LedgerKeyValue(key, value)));
        return results;
    }

    private static QueryResultsIteratorWithMetadata<KeyValue> page(
            NavigableMap<String, byte[]> source, String startKey, String endKey, int pageSize, String bookmark) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        String from = bookmark == null || bookmark.isEmpty() ? startKey : bookmark;
        List<KeyValue> all = range(source, from, endKey);
        List<KeyValue> pageResults = all.subList(0, Math.min(pageSize, all.size()));
        // As LevelDB does: the bookmark is the next key to read, empty when the range is exhausted.
        String nextBookmark = all.size() > pageSize ? all.get(pageSize).getKey() : "";
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(pageResults.size())
                .setBookmark(nextBookmark)
                .build();
        return new SnapshotIterator<>(List.copyOf(pageResults), metadata);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static byte[] valueOrEmpty(byte[] value) {
        // Fabric returns an empty array, never null, for a key that does not exist.
        return value == null ? new byte[0] : value.clone();
    }

    private static Map<String, byte[]> copyValues(Map<String, byte[]> source) {
        Map<String, byte[]> copy = new HashMap<>();
        source.forEach((key, value) -> copy.put(key, value == null ? null : value.clone()));
        return copy;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    private static byte[] randomNonce() {
        byte[] nonce = new byte[24];
        NONCES.nextBytes(nonce);
        return nonce;
    }

    @Override
    public String toString() {
        return "InMemoryStub[txId=" + txId + ", peer=" + peerMspId + ", timestamp=" + txTimestamp + "]";
    }

    /** A key and value as range queries return them. */
    private record LedgerKeyValue(String key, byte[] value) implements KeyValue {

        LedgerKeyValue {
            value = value.clone();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return key.replace("\u0000", "\\u0000") + "=" + getStringValue();
        }
    }

    /**
     * Results fixed when the query ran, which is what a simulation sees since committed state
     * cannot change under it. Like the shim's iterators it has one cursor: iterating again
     * continues where the last loop stopped. Reading after {@link #close()} fails.
     */
    private static final class SnapshotIterator<T>
            implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {

        private final List<T> results;
        private final QueryResponseMetadata metadata;
        private int next;
        private boolean closed;

        SnapshotIterator(List<T> results, QueryResponseMetadata metadata) {
            this.results = results;
            this.metadata = metadata;
        }

        @Override
        public Iterator<T> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    requireOpen();
                    return next < results.size();
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("the query returned " + results.size() + " results");
                    }
                    return results.get(next++);
                }
            };
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }

        @Override
        public void close() {
            closed = true;
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("query iterator used after close()");
            }
        }
    }
}
