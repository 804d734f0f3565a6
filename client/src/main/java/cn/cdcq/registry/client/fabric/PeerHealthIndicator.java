package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.common.region.RegionTransactions;
import cn.cdcq.registry.client.config.ServiceProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the ledger path: an evaluate of region:listRegions through the region's peer,
 * as the bootstrap administrator. DOWN when the peer cannot be reached or refuses.
 */
@Component("peer")
public class PeerHealthIndicator extends AbstractHealthIndicator {

    private final UserGateways gateways;
    private final PeerChannel peer;
    private final ServiceProperties properties;

    public PeerHealthIndicator(UserGateways gateways, PeerChannel peer, ServiceProperties properties) {
        super("peer health check failed");
        this.gateways = gateways;
        this.peer = peer;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("endpoint", peer.endpoint()).withDetail("mspId", properties.mspId());
        try {
            gateways.gateway(properties.admin().account()).evaluate(RegionTransactions.CONTRACT, RegionTransactions.LIST_REGIONS);
            builder.up().withDetail("channelState", peer.state().name());
        } catch (LedgerException e) {
            builder.down().withDetail("channelState", peer.state().name()).withDetail("code", e.code())
                    .withDetail("error", e.getMessage());
        }
    }
}
