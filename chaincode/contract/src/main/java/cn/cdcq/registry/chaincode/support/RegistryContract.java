package cn.cdcq.registry.chaincode.support;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;

import java.time.Instant;

/**
 * What every contract of the registry does before any of its transactions runs: check that the
 * transaction's timestamp is this peer's now, within the agreed window ({@link TransactionClock}).
 * The shim calls {@link #beforeTransaction} for every submit and evaluate.
 */
public interface RegistryContract extends ContractInterface {

    @Override
    default void beforeTransaction(Context ctx) {
        TransactionClock.requireNear(ctx, Instant.now());
    }
}
