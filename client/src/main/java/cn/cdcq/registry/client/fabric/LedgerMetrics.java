package cn.cdcq.registry.client.fabric;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Times every ledger call as {@code registry.ledger.calls} (Prometheus:
 * {@code registry_ledger_calls_seconds}) tagged with contract, transaction, kind (submit or
 * evaluate) and outcome ("ok" or the {@link LedgerException} code).
 */
@Component
public class LedgerMetrics implements LedgerCallObserver {

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> T observe(String contract, String transaction, String kind, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "ok";
        try {
            return call.get();
        } catch (LedgerException e) {
            outcome = e.code();
            throw e;
        } catch (RuntimeException e) {
            outcome = "ERROR";
            throw e;
        } finally {
            sample.stop(Timer.builder("registry.ledger.calls")
                    .description("Ledger calls through the Fabric Gateway, from proposal to commit")
                    .tag("contract", contract).tag("transaction", transaction).tag("kind", kind).tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
