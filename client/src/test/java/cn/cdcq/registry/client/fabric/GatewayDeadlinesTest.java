package cn.cdcq.registry.client.fabric;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayDeadlinesTest {

    @Test
    void leftOutValuesKeepTheirDefaultsAndAValueOutOfRangeNamesItsKey() {
        assertThat(GatewayDeadlines.DEFAULTS).isEqualTo(new GatewayDeadlines(5, 15, 5, 60, 15));
        assertThat(new GatewayDeadlines(null, 45, null, null, null)).isEqualTo(new GatewayDeadlines(5, 45, 5, 60, 15));
        assertThatThrownBy(() -> new GatewayDeadlines(0, null, null, null, null))
                .hasMessageContaining("registry.gateway.evaluate-seconds is 0");
        assertThatThrownBy(() -> new GatewayDeadlines(null, null, null, 601, null))
                .hasMessageContaining("registry.gateway.commit-status-seconds is 601");
        assertThatThrownBy(() -> new GatewayDeadlines(null, null, null, null, 0))
                .hasMessageContaining("registry.gateway.resubmit-seconds is 0");
    }
}
