package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.fabric.NetworkDescription;
import cn.cdcq.registry.client.fabric.NetworkDescription.RegionEndpoint;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.region.RegionProposal;
import io.grpc.ManagedChannel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real network scripts/test.sh started, as end-to-end tests reach it: one gRPC channel
 * per peer, and a gateway per (user, peer). Fails, never skips, when there is no network.
 */
final class E2eNetwork implements AutoCloseable {

    final NetworkDescription description;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final List<RegistryGateway> gateways = new ArrayList<>();

    E2eNetwork() {
        String file = System.getProperty("e2e.network", "");
        if (file.isBlank() || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("end-to-end tests need a running network: set -De2e.network to its "
                    + "network.properties (scripts/test.sh does); got '" + file + "'");
        }
        description = NetworkDescription.load(Path.of(file));
    }

    RegionEndpoint region(String name) {
        return description.region(name);
    }

    /** A gateway for an enrolled user of {@code userRegion} (e.g. "bureau"), connected to {@code peerRegion}'s peer. */
    synchronized RegistryGateway gateway(String userRegion, String user, String peerRegion) {
        RegionEndpoint home = region(userRegion);
        RegionEndpoint via = region(peerRegion);
        ManagedChannel channel = channels.computeIfAbsent(peerRegion,
                r -> RegistryGateway.openChannel(via.peerEndpoint(), via.peerHostAlias(), via.tlsCaCert()));
        RegistryGateway gw = new RegistryGateway(channel, MspIdentity.load(home.mspId(), home.userMsp(user)),
                description.channel(), description.chaincode());
        gateways.add(gw);
        return gw;
    }

    /**
     * Brings both regions (CD = chengdu, CQ = chongqing) in force with their attestation
     * identities' certificates, unless an earlier test already did: each bureau proposes through
     * its own peer and the other approves. Every end-to-end test class calls this first.
     */
    synchronized void ensureRegionsRegistered() throws java.io.IOException {
        RegionRegistryClient reader = new RegionRegistryClient(gateway("chongqing", "inspector1", "chongqing"));
        if (!reader.regions().isEmpty()) {
            return;
        }
        RegionRegistryClient cdBureau = new RegionRegistryClient(gateway("chengdu", "bureau", "chengdu"));
        RegionRegistryClient cqBureau = new RegionRegistryClient(gateway("chongqing", "bureau", "chongqing"));
        String cdCert = Files.readString(region("chengdu").userMsp("attestation").resolve("signcerts/cert.pem"));
        String cqCert = Files.readString(region("chongqing").userMsp("attestation").resolve("signcerts/cert.pem"));
        RegionProposal cd = cdBureau.proposeRegistration(region("chengdu").regionCode(),
                "Chengdu Human Resources and Social Security Bureau", cdCert);
        awaitPeersInSync();
        RegionProposal cq = cqBureau.proposeRegistration(region("chongqing").regionCode(),
                "Chongqing Human Resources and Social Security Bureau", cqCert);
        awaitPeersInSync();
        if (!cd.status().equals(RegionProposal.PENDING) || !reader.regions().isEmpty()) {
            throw new AssertionError("a region came in force on one region's word: " + cd + " / " + reader.regions());
        }
        RegionProposal cdApproved = cqBureau.approve(cd.id());
        awaitPeersInSync();
        if (!cdApproved.status().equals(RegionProposal.APPROVED)
                || !cdApproved.approvals().stream().map(RegionProposal.Approval::mspId).toList()
                        .equals(java.util.List.of(region("chongqing").mspId()))) {
            throw new AssertionError("Chongqing's approval did not bring Chengdu in force: " + cdApproved);
        }
        RegionProposal cqApproved = cdBureau.approve(cq.id());
        awaitPeersInSync();
        if (!cqApproved.status().equals(RegionProposal.APPROVED)) {
            throw new AssertionError("Chengdu's approval did not bring Chongqing in force: " + cqApproved);
        }
    }

    /**
     * Waits until every region's peer has committed at least the blocks any of them had when
     * called. A submit returns once the peer it went through committed; the other region's peer
     * may be a moment behind, so a test reading through it right after a write must wait.
     */
    void awaitPeersInSync() {
        Map<String, RegistryGateway> readers = new java.util.LinkedHashMap<>();
        for (String name : description.regions().keySet()) {
            readers.put(name, gateway(name, "bureau", name));
        }
        long target = 0;
        for (RegistryGateway gw : readers.values()) {
            target = Math.max(target, height(gw));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Map.Entry<String, RegistryGateway> e : readers.entrySet()) {
            while (height(e.getValue()) < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the peer of " + e.getKey() + " did not reach block height " + target + " in 15 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the peers", ie);
                }
            }
        }
    }

    private long height(RegistryGateway gw) {
        try {
            byte[] info = gw.network().getContract("qscc").evaluateTransaction("GetChainInfo", description.channel());
            return org.hyperledger.fabric.protos.common.BlockchainInfo.parseFrom(info).getHeight();
        } catch (Exception e) {
            throw new AssertionError("cannot read the peer's block height: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        gateways.forEach(RegistryGateway::close);
        for (ManagedChannel c : channels.values()) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
