package cn.cdcq.registry.chaincode.support;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * World state as typed records. Every record is stored as its canonical JSON (RFC 8785), so
 * both endorsing peers write identical bytes. Keys are composite keys: an object type plus
 * attributes, e.g. {@code region/CD}.
 */
public final class Ledger {

    private final ChaincodeStub stub;

    public Ledger(Context ctx) {
        this.stub = ctx.getStub();
    }

    public ChaincodeStub stub() {
        return stub;
    }

    public String key(String objectType, String... attributes) {
        return compositeKey(objectType, attributes).toString();
    }

    /**
     * The shim refuses a key attribute holding U+0000 or U+10FFFF (its separators) with its own
     * exception (package-private, so it cannot be caught by type), which would reach the client as
     * a peer error with a stack trace in the peer's log: it is bad input, said as such here first
     * (without echoing the value: it may be anything).
     */
    private CompositeKey compositeKey(String objectType, String... attributes) {
        for (String a : attributes) {
            if (a != null && (a.indexOf('\u0000') >= 0 || a.contains(new String(Character.toChars(0x10FFFF))))) {
                throw RegistryException.invalid("an identifier holds a character that no ledger key may carry "
                        + "(U+0000 or U+10FFFF); send it without control characters");
            }
        }
        return stub.createCompositeKey(objectType, attributes);
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        byte[] bytes = stub.getState(key);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(Json.read(bytes, type));
    }

    public boolean exists(String key) {
        byte[] bytes = stub.getState(key);
        return bytes != null && bytes.length > 0;
    }

    public void put(String key, Object record) {
        byte[] bytes;
        try {
            bytes = Json.canonicalBytes(record);
        } catch (InvalidInputException e) {
            // A record the canonical form refuses (a number beyond ±2^53, found by TransactionFuzzTest)
            // is bad input; escaping as is, it would reach the client as an unexplained peer 500.
            throw RegistryException.invalid(e);
        }
        stub.putState(key, bytes);
    }

    public void delete(String key) {
        stub.delState(key);
    }

    /**
     * An index entry: a key whose presence is all it says. Fabric takes an empty value for a
     * delete, so the value is one zero byte (as Fabric's own samples index with composite keys).
     */
    public void putMarker(String key) {
        stub.putState(key, new byte[]{0});
    }

    /**
     * A page of the last attributes of the keys under {@code objectType} and {@code leading}, in key
     * order, starting at the key whose next attribute is {@code from} (or at the first, when from is
     * null). Only for reads: Fabric refuses paginated queries in a transaction that writes.
     *
     * @param from where to start, checked like every key part (it is the caller's)
     * @return the attribute after {@code leading} of each key found, and that of the next key (null at the end)
     */
    public AttributePage attributes(String objectType, List<String> leading, String from, int pageSize) {
        CompositeKey partial = compositeKey(objectType, leading.toArray(String[]::new));
        // The bookmark is built here, inside the prefix: a caller's raw bookmark could start the
        // range anywhere below the prefix's end and read keys of another type.
        String bookmark = "";
        if (from != null) {
            List<String> start = new ArrayList<>(leading);
            start.add(from);
            bookmark = compositeKey(objectType, start.toArray(String[]::new)).toString();
        }
        int position = leading.size();
        List<String> found = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> it =
                     stub.getStateByPartialCompositeKeyWithPagination(partial, pageSize, bookmark)) {
            for (KeyValue kv : it) {
                found.add(stub.splitCompositeKey(kv.getKey()).getAttributes().get(position));
            }
            String raw = it.getMetadata() == null ? "" : it.getMetadata().getBookmark();
            next = raw == null || raw.isEmpty() ? null : stub.splitCompositeKey(raw).getAttributes().get(position);
        } catch (InvalidInputException | RegistryException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + objectType + " keys: " + e.getMessage(), e);
        }
        return new AttributePage(found, next);
    }

    /** What {@link #attributes} found: the attributes in key order and where the next page starts (null: no more). */
    public record AttributePage(List<String> attributes, String next) {
    }

    /** All records whose key starts with the object type and the given leading attributes, in key order. */
    public <T> List<T> list(Class<T> type, String objectType, String... leadingAttributes) {
        List<T> out = new ArrayList<>();
        CompositeKey partial = compositeKey(objectType, leadingAttributes);
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(partial)) {
            for (KeyValue kv : it) {
                out.add(Json.read(kv.getValue(), type));
            }
        } catch (InvalidInputException | RegistryException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + objectType + " records: " + e.getMessage(), e);
        }
        return out;
    }

    /** The transaction's timestamp (set by the client, the same on every endorsing peer), to the millisecond. */
    public Instant now() {
        return stub.getTxTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The transaction's date in China: the "today" of every deadline, validity and term check. */
    public LocalDate today() {
        return IsoDate.dateOf(now());
    }

    /** ISO-8601 form of {@link #now()}, with a fixed millisecond precision so strings compare as instants. */
    public String nowIso() {
        return Timestamps.iso(now());
    }

    public String txId() {
        return stub.getTxId();
    }

    /**
     * Emits the transaction's chaincode event. Fabric keeps only one event per transaction, so
     * a transaction emits exactly once. Names and payload records are registry-common's
     * {@code *Events} classes, so the services read what the contracts write. Payloads never carry
     * personal data.
     */
    public void emit(String name, Record payload) {
        String json;
        try {
            json = Json.write(payload);
        } catch (InvalidInputException e) {
            throw RegistryException.invalid(e);
        }
        stub.setEvent(name, json.getBytes(StandardCharsets.UTF_8));
    }
}
