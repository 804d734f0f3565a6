package cn.cdcq.registry.chaincode.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The committed world state of one channel, shared by the transactions that {@link InMemoryStub}s
 * simulate against it: public state, per-key history, private data collections and the events of
 * committed transactions.
 *
 * <p>Keys sort by Unicode code point, which is the byte order of their UTF-8 form: the order
 * LevelDB gives Fabric's range queries. Values are copied in and out, so no caller can change the
 * ledger behind its back. Not thread-safe: one ledger per test.
 */
public final class InMemoryLedger {

    /** The prefix Fabric gives each organization's implicit private data collection. */
    public static final String IMPLICIT_COLLECTION_PREFIX = "_implicit_org_";

    /** Code point order, which equals the byte order of the keys' UTF-8 encoding. */
    static final Comparator<String> KEY_ORDER = InMemoryLedger::compareByCodePoint;

    private final NavigableMap<String, byte[]> state = new TreeMap<>(KEY_ORDER);
    private final Map<String, List<HistoryEntry>> history = new HashMap<>();
    private final Map<String, NavigableMap<String, byte[]>> privateData = new HashMap<>();
    private final Map<String, Set<String>> collectionMembers = new HashMap<>();
    private final Set<String> committedTxIds = new HashSet<>();
    private final List<EmittedEvent> events = new ArrayList<>();
    private String lastCommittedTxId;

    /** The name of {@code mspId}'s implicit private data collection, as Fabric spells it. */
    public static String implicitCollection(String mspId) {
        return IMPLICIT_COLLECTION_PREFIX + Objects.requireNonNull(mspId, "mspId");
    }

    /**
     * Declares an explicit private data collection, as the chaincode definition's collection
     * configuration does. Only peers of the member organizations hold its data. Implicit
     * collections need no declaration.
     */
    public void defineCollection(String name, String... memberMspIds) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
            throw new IllegalArgumentException("collection " + name
                    + " is an implicit collection: Fabric defines it for its organization, do not declare it");
        }
        collectionMembers.put(name, Set.of(memberMspIds));
    }

    /** The committed value of {@code key}, empty when the key does not exist. */
    public Optional<byte[]> state(String key) {
        return Optional.ofNullable(state.get(key)).map(byte[]::clone);
    }

    /** A copy of the whole public world state, in key order. */
    public NavigableMap<String, byte[]> stateSnapshot() {
        return copyOf(state);
    }

    /**
     * Every committed change of {@code key}, newest first, as Fabric 2.x returns history.
     * Empty when the key was never written.
     */
    public List<HistoryEntry> history(String key) {
        List<HistoryEntry> oldestFirst = history.getOrDefault(key, List.of());
        List<HistoryEntry> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    /** The committed value of {@code key} in {@code collection}, as its member peers hold it. */
    public Optional<byte[]> privateData(String collection, String key) {
        NavigableMap<String, byte[]> entries = privateData.get(collection);
        return Optional.ofNullable(entries == null ? null : entries.get(key)).map(byte[]::clone);
    }

    /** A copy of one private data collection, in key order; empty when nothing was written to it. */
    public NavigableMap<String, byte[]> privateDataSnapshot(String collection) {
        NavigableMap<String, byte[]> entries = privateData.get(collection);
        return entries == null ? new TreeMap<>(KEY_ORDER) : copyOf(entries);
    }

    /** The events of committed transactions, in commit order (at most one per transaction). */
    public List<EmittedEvent> events() {
        return List.copyOf(events);
    }

    /** The event transaction {@code txId} emitted, if it committed and emitted one. */
    public Optional<EmittedEvent> eventOf(String txId) {
        return events.stream().filter(event -> event.txId().equals(txId)).findFirst();
    }

    /** The id of the most recently committed transaction. */
    public Optional<String> lastCommittedTxId() {
        return Optional.ofNullable(lastCommittedTxId);
    }

    boolean isDefined(String collection) {
        return collection.startsWith(IMPLICIT_COLLECTION_PREFIX) || collectionMembers.containsKey(collection);
    }

    boolean isMember(String collection, String mspId) {
        if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
            return collection.equals(implicitCollection(mspId));
        }
        return collectionMembers.getOrDefault(collection, Set.of()).contains(mspId);
    }

    /** The committed public state, for the stub's reads; callers must not modify it. */
    NavigableMap<String, byte[]> committedState() {
        return Collections.unmodifiableNavigableMap(state);
    }

    /** The committed entries of one collection, for the stub's reads; callers must not modify it. */
    NavigableMap<String, byte[]> committedPrivateData(String collection) {
        NavigableMap<String, byte[]> entries = privateData.get(collection);
        return entries == null
                ? Collections.emptyNavigableMap()
                : Collections.unmodifiableNavigableMap(entries);
    }

    /**
     * Applies one transaction's write set atomically. A {@code null} or empty value deletes the key,
     * as the peer turns an empty write into a delete at commit. A transaction id commits only once,
     * as Fabric marks a second one DUPLICATE_TXID.
     */
    void commit(String txId, Instant timestamp, SortedMap<String, byte[]> writes,
            Map<String, SortedMap<String, byte[]>> privateWrites, EmittedEvent event) {
        if (!committedTxIds.add(txId)) {
            throw new IllegalStateException("transaction " + txId
                    + " was already committed: Fabric rejects a duplicate transaction id");
        }
        writes.forEach((key, value) -> {
            boolean delete = value == null || value.length == 0;
            if (delete) {
                state.remove(key);
            } else {
                state.put(key, value.clone());
            }
            history.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new HistoryEntry(txId, timestamp, delete ? new byte[0] : value, delete));
        });
        privateWrites.forEach((collection, entries) -> entries.forEach((key, value) -> {
            NavigableMap<String, byte[]> stored = privateData.computeIfAbsent(collection, c -> new TreeMap<>(KEY_ORDER));
            if (value == null || value.length == 0) {
                stored.remove(key);
            } else {
                stored.put(key, value.clone());
            }
        }));
        if (event != null) {
            events.add(event);
        }
        lastCommittedTxId = txId;
    }

    private static NavigableMap<String, byte[]> copyOf(NavigableMap<String, byte[]> source) {
        NavigableMap<String, byte[]> copy = new TreeMap<>(KEY_ORDER);
        source.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    private static int compareByCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    @Override
    public String toString() {
        return String.format("InMemoryLedger[%d keys, collections %s, %d transactions]",
                state.size(), privateData.keySet(), committedTxIds.size());
    }
}
