package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.e2e.NetworkDescription.RegionEndpoint;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.RegionProposal;
import io.grpc.ManagedChannel;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
    private final Map<String, AttestationKey> attestationKeys = new HashMap<>();

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

    /** The enrolled user's identity (certificate and private key), e.g. to sign a proposal built by hand. */
    MspIdentity identity(String userRegion, String user) {
        RegionEndpoint home = region(userRegion);
        return MspIdentity.load(home.mspId(), home.userMsp(user));
    }

    /**
     * A plain Fabric Gateway connection (no registry wrapper) for an enrolled user through
     * {@code peerRegion}'s peer: for proposals a test signs itself. The caller closes it.
     */
    synchronized org.hyperledger.fabric.client.Gateway rawGateway(String userRegion, String user, String peerRegion) {
        RegionEndpoint via = region(peerRegion);
        ManagedChannel channel = channels.computeIfAbsent(peerRegion,
                r -> RegistryGateway.openChannel(via.peerEndpoint(), via.peerHostAlias(), via.tlsCaCert()));
        MspIdentity id = identity(userRegion, user);
        return org.hyperledger.fabric.client.Gateway.newInstance().identity(id.identity()).signer(id.signer())
                .hash(org.hyperledger.fabric.client.Hash.SHA256).connection(channel).connect();
    }

    /**
     * Brings both regions (CD = chengdu, CQ = chongqing) in force with their attestation
     * identities' certificates, unless an earlier test already did: each bureau proposes through
     * its own peer and the other approves. Every end-to-end test class calls this first.
     */
    synchronized void ensureRegionsRegistered() throws java.io.IOException {
        RegionRegistryClient reader = new RegionRegistryClient(gateway("chongqing", "inspector1", "chongqing"));
        if (reader.regions().isEmpty()) {
            registerRegions(reader);
        }
    }

    private void registerRegions(RegionRegistryClient reader) throws java.io.IOException {
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
        if (!cd.status().equals(RegionProposal.Status.PENDING) || !reader.regions().isEmpty()) {
            throw new AssertionError("a region came in force on one region's word: " + cd + " / " + reader.regions());
        }
        RegionProposal cdApproved = cqBureau.approve(cd.id());
        awaitPeersInSync();
        if (!cdApproved.status().equals(RegionProposal.Status.APPROVED)
                || !cdApproved.approvals().stream().map(RegionProposal.Approval::mspId).toList()
                        .equals(java.util.List.of(region("chongqing").mspId()))) {
            throw new AssertionError("Chongqing's approval did not bring Chengdu in force: " + cdApproved);
        }
        RegionProposal cqApproved = cdBureau.approve(cq.id());
        awaitPeersInSync();
        if (!cqApproved.status().equals(RegionProposal.Status.APPROVED)) {
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
        // 30 s: a 2,000-certificate block takes the other peer a while to validate on 2 cores.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Map.Entry<String, RegistryGateway> e : readers.entrySet()) {
            while (height(e.getValue()) < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the peer of " + e.getKey() + " did not reach block height " + target + " in 30 s");
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

    /**
     * The private key of {@code region}'s current attestation certificate ("chengdu" or
     * "chongqing"): the enrolled attestation identity's key while its certificate is current;
     * when another test has rotated it to a key nobody kept, the region rotates again, through
     * the region contract as bureaus would, to a key made here.
     */
    synchronized PrivateKey attestationKey(String regionName) {
        try {
            RegionEndpoint region = region(regionName);
            String otherName = description.regions().keySet().stream().filter(n -> !n.equals(regionName))
                    .findFirst().orElseThrow();
            RegionRegistryClient own = new RegionRegistryClient(gateway(regionName, "bureau", regionName));
            awaitPeersInSync();
            List<AttestationCertificate> history = own.attestationCertificates(region.regionCode());
            AttestationCertificate current = history.get(history.size() - 1);
            AttestationKey known = attestationKeys.get(regionName);
            if (known != null && known.fingerprint().equals(current.fingerprint())) {
                return known.key();
            }
            MspIdentity enrolled = MspIdentity.load(region.mspId(), region.userMsp("attestation"));
            if (current.fingerprint().equals(Signatures.fingerprint(enrolled.certificate()))) {
                return remember(regionName, enrolled.privateKey(), enrolled.certificate());
            }
            KeyPair pair = newP256KeyPair();
            X509Certificate certificate = selfSignedCertificate(pair, "CN=attestation-e2e,O=" + region.mspId());
            RegionProposal rotation = own.proposeRotation(Signatures.toPem(certificate));
            awaitPeersInSync();
            RegionProposal approved = new RegionRegistryClient(gateway(otherName, "bureau", otherName)).approve(rotation.id());
            if (!approved.status().equals(RegionProposal.Status.APPROVED)) {
                throw new AssertionError("the rotation to a test key was not approved: " + approved);
            }
            awaitPeersInSync();
            return remember(regionName, pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("could not obtain region " + regionName + "'s attestation key: " + e.getMessage(), e);
        }
    }

    private record AttestationKey(PrivateKey key, String fingerprint) {
    }

    private PrivateKey remember(String region, PrivateKey key, X509Certificate certificate) {
        attestationKeys.put(region, new AttestationKey(key, Signatures.fingerprint(certificate)));
        return key;
    }

    static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    /** A fresh RSA key for spot-check draws (region:setDrawKey), as a test region's bureau would keep. */
    static KeyPair drawKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * A draw period no earlier run is likely to have used (a month of a far year), so a kept
     * network can run the draw tests again: each register draws once per period. Never the same
     * twice in one run (every end-to-end test runs in this JVM): with 10,800 months to pick from,
     * two of a run's draws on one register once met in the same month (CreditServiceIT: "register
     * CD already had 1 draw(s) for 2133-04").
     */
    static String unusedPeriod() {
        java.security.SecureRandom r = new java.security.SecureRandom();
        String period;
        do {
            period = String.format("%d-%02d", 2100 + r.nextInt(900), 1 + r.nextInt(12));
        } while (!HANDED_OUT_PERIODS.add(period));
        return period;
    }

    private static final java.util.Set<String> HANDED_OUT_PERIODS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static KeyPair newP256KeyPair() throws Exception {
        return keyPair("secp256r1");
    }

    /** A self-signed certificate valid from an hour ago for a year, for attestation keys made in tests. */
    static X509Certificate selfSignedCertificate(KeyPair pair, String subject) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    /** The block height of a region's peer, read as that region's bureau. */
    long height(String region) {
        return height(gateway(region, "bureau", region));
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
