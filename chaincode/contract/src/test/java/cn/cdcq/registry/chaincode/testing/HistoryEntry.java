package cn.cdcq.registry.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * One committed change of a key, as {@code getHistoryForKey} reports it: the transaction, its
 * timestamp, and the value written (empty for a delete).
 */
public record HistoryEntry(String txId, Instant timestamp, byte[] value, boolean isDelete)
        implements KeyModification {

    public HistoryEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        value = value == null ? new byte[0] : value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as UTF-8 text. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public byte[] getValue() {
        return value();
    }

    @Override
    public String getStringValue() {
        return valueAsString();
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean isDeleted() {
        return isDelete;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryEntry that
                && txId.equals(that.txId) && timestamp.equals(that.timestamp)
                && Arrays.equals(value, that.value) && isDelete == that.isDelete;
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, timestamp, Arrays.hashCode(value), isDelete);
    }

    @Override
    public String toString() {
        return "HistoryEntry[txId=" + txId + ", timestamp=" + timestamp
                + (isDelete ? ", deleted" : ", value=" + valueAsString()) + "]";
    }
}
