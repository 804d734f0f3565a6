package cn.cdcq.registry.client.fabric;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerMetricsTest {

    @Test
    void everyCallIsTimedWithContractTransactionKindAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerMetrics metrics = new LedgerMetrics(registry);
        assertThat(metrics.observe("region", "listRegions", LedgerCallObserver.EVALUATE, () -> "[]")).isEqualTo("[]");
        assertThatThrownBy(() -> metrics.observe("region", "approve", LedgerCallObserver.SUBMIT, () -> {
            throw new LedgerException("FORBIDDEN", "no", List.of(), null);
        })).isInstanceOf(LedgerException.class);

        assertThat(registry.get("registry.ledger.calls").tags("contract", "region", "transaction", "listRegions",
                "kind", "evaluate", "outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("registry.ledger.calls").tags("transaction", "approve", "kind", "submit",
                "outcome", "FORBIDDEN").timer().count()).isEqualTo(1);
    }
}
