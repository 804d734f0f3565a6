package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.client.config.ServiceProperties;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * The service's one gRPC channel to its region's peer, shared by every user's gateway. Spring
 * closes it last: every bean that uses it depends on it, so their gateways are closed first.
 */
@Component
public class PeerChannel implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PeerChannel.class);

    private final ManagedChannel channel;
    private final String endpoint;

    public PeerChannel(ServiceProperties properties) {
        ServiceProperties.Peer peer = properties.peer();
        this.endpoint = peer.endpoint();
        this.channel = RegistryGateway.openChannel(peer.endpoint(), peer.hostAlias(), peer.tlsCaCert());
        log.info("gRPC channel to peer {} ({}) of {}", peer.endpoint(), peer.hostAlias(), properties.mspId());
    }

    public ManagedChannel channel() {
        return channel;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The channel's state without forcing a connection attempt. */
    public ConnectivityState state() {
        return channel.getState(false);
    }

    @Override
    public void destroy() throws InterruptedException {
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("calls to peer {} still open after 5 s at shutdown; cancelling them", endpoint);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        log.info("gRPC channel to peer {} closed", endpoint);
    }
}
