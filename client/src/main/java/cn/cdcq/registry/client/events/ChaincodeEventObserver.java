package cn.cdcq.registry.client.events;

/**
 * Something in the service that follows the chaincode's events as the {@link ChaincodeEventListener}
 * reads them (after the inbox has them), e.g. a cache that must forget what an event changed.
 * Called on the listener's thread, in ledger order: keep it quick and never throw.
 */
public interface ChaincodeEventObserver {

    void onEvent(String eventName, byte[] payload);
}
