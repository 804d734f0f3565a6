package cn.cdcq.registry.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** The chaincode event a committed transaction emitted: the last one it set, as Fabric keeps. */
public record EmittedEvent(String txId, String name, byte[] payload) {

    public EmittedEvent {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(name, "name");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text, which is how the contracts write their JSON events. */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmittedEvent that
                && txId.equals(that.txId) && name.equals(that.name) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, name, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "EmittedEvent[txId=" + txId + ", name=" + name + ", payload=" + payloadAsString() + "]";
    }
}
