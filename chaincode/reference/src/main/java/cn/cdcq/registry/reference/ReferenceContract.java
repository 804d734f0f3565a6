package cn.cdcq.registry.reference;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

import java.nio.charset.StandardCharsets;

/**
 * What Fabric itself allows on this network, for scripts/bench.sh to hold the registry against:
 * the same contract API, the same chaincode-as-a-service deployment, the same endorsement policy,
 * and no work beyond the state write or read. Not part of the registry; no access control.
 */
@Contract(name = "reference", info = @Info(title = "Benchmark reference", version = "1"))
@Default
public final class ReferenceContract implements ContractInterface {

    /** Writes one key. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void put(Context ctx, String key, String value) {
        ctx.getStub().putState(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes many keys in one transaction, the raw counterpart of a certificate batch:
     * {@code records} is key, newline, value, newline, ... (values without newlines), so the only
     * work beyond the writes is one split.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public int putMany(Context ctx, String records) {
        String[] parts = records.split("\n", -1);
        int n = parts.length / 2;
        if (parts.length % 2 != 0 && !parts[parts.length - 1].isEmpty()) {
            throw new ChaincodeException("putMany takes key and value lines in pairs; got " + parts.length + " lines",
                    "INVALID_INPUT");
        }
        for (int i = 0; i < n; i++) {
            ctx.getStub().putState(parts[2 * i], parts[2 * i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return n;
    }

    /** Reads one key. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        byte[] value = ctx.getStub().getState(key);
        if (value == null || value.length == 0) {
            throw new ChaincodeException("no key " + key, "NOT_FOUND");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
