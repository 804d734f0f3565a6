package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every region's peer has committed every block any of them had when asked. A submit
 * returns once the peer it went through has committed; the other region's peer may be a moment
 * behind (a 4 MB batch block takes it a while), so a test that reads, or writes, through the
 * other region's peer right after a write waits here first.
 */
final class PeerSync {

    private final String channel;
    private final Map<String, RegistryGateway> peers = new LinkedHashMap<>();

    PeerSync(E2eNetwork net) {
        this.channel = net.description.channel();
        for (String region : net.description.regions().keySet()) {
            peers.put(region, net.gateway(region, "bureau", region));
        }
    }

    void await() {
        long target = 0;
        for (RegistryGateway peer : peers.values()) {
            target = Math.max(target, height(peer));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Map.Entry<String, RegistryGateway> peer : peers.entrySet()) {
            while (height(peer.getValue()) < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the peer of " + peer.getKey() + " did not reach block height " + target
                            + " within 30 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the peers", e);
                }
            }
        }
    }

    private long height(RegistryGateway peer) {
        try {
            byte[] info = peer.network().getContract("qscc").evaluateTransaction("GetChainInfo", channel);
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (Exception e) {
            throw new AssertionError("cannot read the peer's block height: " + e.getMessage(), e);
        }
    }
}
