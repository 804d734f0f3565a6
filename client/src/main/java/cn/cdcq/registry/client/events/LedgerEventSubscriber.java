package cn.cdcq.registry.client.events;

/**
 * A feature that follows the ledger's chaincode events as they arrive (beside the {@link Inbox}).
 * Called on the event thread for every event delivered, in ledger order, before the checkpoint
 * moves past it, and again if it is delivered again after a restart: an implementation must be
 * idempotent and durable on return. Throwing makes the listener reconnect and deliver it again.
 */
public interface LedgerEventSubscriber {

    void onEvent(String eventName, String txId, long blockNumber, byte[] payload);
}
