package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.RegionProposal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both regions registered on the network, and for each the private key of its current
 * attestation certificate, which is what issuing needs. The key is the enrolled {@code attestation}
 * user's while that certificate is current; when another test has rotated it to a key nobody kept,
 * the region rotates again, through the region contract as bureaus would, to a key made here.
 */
final class E2eRegions {

    private static final String CD = "chengdu";
    private static final String CQ = "chongqing";

    private final E2eNetwork net;
    private final PeerSync peers;
    private final Map<String, AttestationKey> keys = new HashMap<>();

    E2eRegions(E2eNetwork net, PeerSync peers) {
        this.net = net;
        this.peers = peers;
    }

    private RegionRegistryClient bureau(String region) {
        return new RegionRegistryClient(net.gateway(region, "bureau", region));
    }

    /** Registers CD and CQ with their enrolled attestation certificates, unless they are in force already. */
    void registerBothIfNeeded() throws Exception {
        RegionRegistryClient cd = bureau(CD);
        RegionRegistryClient cq = bureau(CQ);
        if (!cq.regions().isEmpty()) {
            return;
        }
        peers.await();
        RegionProposal cdProposal = cd.proposeRegistration("CD", "Chengdu Human Resources and Social Security Bureau",
                Files.readString(net.region(CD).userMsp("attestation").resolve("signcerts/cert.pem")));
        peers.await();
        RegionProposal cqProposal = cq.proposeRegistration("CQ", "Chongqing Human Resources and Social Security Bureau",
                Files.readString(net.region(CQ).userMsp("attestation").resolve("signcerts/cert.pem")));
        peers.await();
        cq.approve(cdProposal.id());
        peers.await();
        cd.approve(cqProposal.id());
        peers.await();
    }

    /** The private key of {@code region}'s current attestation certificate ("chengdu" or "chongqing"). */
    synchronized PrivateKey attestationKey(String region) {
        try {
            String code = net.region(region).regionCode();
            peers.await();
            List<AttestationCertificate> history = bureau(region).attestationCertificates(code);
            AttestationCertificate current = history.get(history.size() - 1);
            AttestationKey known = keys.get(region);
            if (known != null && known.fingerprint().equals(current.fingerprint())) {
                return known.key();
            }
            MspIdentity enrolled = MspIdentity.load(net.region(region).mspId(), net.region(region).userMsp("attestation"));
            if (current.fingerprint().equals(Signatures.fingerprint(enrolled.certificate()))) {
                return remember(region, enrolled.privateKey(), enrolled.certificate());
            }
            KeyPair pair = newKeyPair();
            X509Certificate certificate = selfSigned(pair, region);
            peers.await();
            RegionProposal rotation = bureau(region).proposeRotation(Signatures.toPem(certificate));
            peers.await();
            bureau(region.equals(CD) ? CQ : CD).approve(rotation.id());
            peers.await();
            return remember(region, pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("could not obtain region " + region + "'s attestation key: " + e.getMessage(), e);
        }
    }

    private record AttestationKey(PrivateKey key, String fingerprint) {
    }

    private PrivateKey remember(String region, PrivateKey key, X509Certificate certificate) {
        keys.put(region, new AttestationKey(key, Signatures.fingerprint(certificate)));
        return key;
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair pair, String region) throws Exception {
        X500Name name = new X500Name("CN=attestation-e2e,O=" + region);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
