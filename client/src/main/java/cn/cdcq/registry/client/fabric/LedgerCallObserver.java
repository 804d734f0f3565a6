package cn.cdcq.registry.client.fabric;

import java.util.function.Supplier;

/**
 * Sees every ledger call a {@link RegistryGateway} makes, e.g. to time it; the regional service
 * records them as Micrometer timers. Must return what {@code call} returns and rethrow what it throws.
 */
public interface LedgerCallObserver {

    String SUBMIT = "submit";
    String EVALUATE = "evaluate";

    LedgerCallObserver NONE = new LedgerCallObserver() {
        @Override
        public <T> T observe(String contract, String transaction, String kind, Supplier<T> call) {
            return call.get();
        }
    };

    <T> T observe(String contract, String transaction, String kind, Supplier<T> call);
}
