package cn.cdcq.registry.client.bench;

import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.CertificateIssuer;
import cn.cdcq.registry.client.certificate.CertificateIssuer.CertificateDraft;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.e2e.NetworkDescription;
import cn.cdcq.registry.client.e2e.NetworkDescription.RegionEndpoint;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.region.AttestationCertificate;
import io.grpc.ManagedChannel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's parties on the network: Chongqing's training center issuing under Chongqing's
 * attestation key (the enrolled one, which the services also use), a Chengdu reader verifying
 * through Chengdu's peer, and the same identities calling the reference chaincode. Certificate
 * numbers come from a site sequence chosen per run (body code 0002, apart from the tests' 0001).
 */
final class BenchLedger implements AutoCloseable {

    static final String OCCUPATION = "4-04-05-01";
    static final int LEVEL = 4;
    static final String REFERENCE = "reference";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final byte[] PEPPER = "bench-consortium-pepper-0123456789".getBytes(StandardCharsets.US_ASCII);

    final NetworkDescription network;
    final CertificateIssuer issuer;
    final CertificateClient center;     // Chongqing's center through Chongqing's peer
    final CertificateClient reader;     // a Chengdu inspector through Chengdu's peer
    final RegistryGateway rawWriter;    // the same center identity, reference chaincode
    final RegistryGateway rawReader;    // the same reader identity, reference chaincode
    final LocalDate today = LocalDate.now(CHINA);
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final List<RegistryGateway> gateways = new ArrayList<>();
    private final List<String> idNumbers = new ArrayList<>();
    private final int site;

    BenchLedger(Path networkFile, int site) {
        this.network = NetworkDescription.load(networkFile);
        this.site = site;
        RegionEndpoint cq = network.region("chongqing");
        RegionEndpoint cd = network.region("chengdu");
        center = new CertificateClient(gateway(cq, "center", cq, network.chaincode()));
        reader = new CertificateClient(gateway(cd, "inspector1", cd, network.chaincode()));
        rawWriter = gateway(cq, "center", cq, REFERENCE);
        rawReader = gateway(cd, "inspector1", cd, REFERENCE);
        MspIdentity attestation = MspIdentity.load(cq.mspId(), cq.userMsp("attestation"));
        requireCurrentAttestation(cq, attestation);
        issuer = new CertificateIssuer(cq.regionCode(), cq.centerUscc(), PEPPER, attestation.privateKey());
        accredit(cq);
        for (int i = 0; i < 1000; i++) {
            String first17 = "500101" + LocalDate.of(1970, 1, 1).plusDays(i * 7L).toString().replace("-", "")
                    + String.format("%03d", i % 1000);
            idNumbers.add(first17 + ResidentIdNumber.checkCharacter(first17));
        }
    }

    private RegistryGateway gateway(RegionEndpoint home, String user, RegionEndpoint via, String chaincode) {
        ManagedChannel channel = channels.computeIfAbsent(via.name(),
                r -> RegistryGateway.openChannel(via.peerEndpoint(), via.peerHostAlias(), via.tlsCaCert()));
        RegistryGateway gw = new RegistryGateway(channel, MspIdentity.load(home.mspId(), home.userMsp(user)),
                network.channel(), chaincode);
        gateways.add(gw);
        return gw;
    }

    /** The benchmark signs with the enrolled attestation key; it must be the region's current one. */
    private void requireCurrentAttestation(RegionEndpoint region, MspIdentity attestation) {
        RegionRegistryClient regions = new RegionRegistryClient(gateway(region, "bureau", region, network.chaincode()));
        List<AttestationCertificate> history = null;
        // The first call also opens the TLS connection, which on a saturated machine can outlast
        // the 5 s evaluate deadline: a few tries before giving up.
        for (int attempt = 1; history == null; attempt++) {
            try {
                history = regions.attestationCertificates(region.regionCode());
            } catch (LedgerException e) {
                boolean transient_ = LedgerException.BUSY.equals(e.code()) || "PEER_UNAVAILABLE".equals(e.code());
                if (!transient_ || attempt >= 8) {
                    throw e;
                }
                try {
                    TimeUnit.SECONDS.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        if (history.isEmpty()) {
            throw new IllegalStateException("region " + region.regionCode() + " is not registered on this network: "
                    + "start it with scripts/start.sh (which registers both regions) or run the end-to-end tests first");
        }
        String current = history.get(history.size() - 1).fingerprint();
        if (!current.equals(Signatures.fingerprint(attestation.certificate()))) {
            throw new IllegalStateException("region " + region.regionCode() + "'s current attestation certificate ("
                    + current + ") is not the enrolled one in " + region.userMsp("attestation")
                    + ": the benchmark signs with the enrolled key; rotate back or use a fresh network");
        }
    }

    /** Accredits the center for the benchmark's occupation, or brings its accreditation back to these terms. */
    private void accredit(RegionEndpoint cq) {
        AccreditationClient bureau = new AccreditationClient(gateway(cq, "bureau", cq, network.chaincode()));
        AccreditationRequest terms = new AccreditationRequest(cq.centerUscc(), "Chongqing Vocational Skills Assessment Center",
                List.of(new AccreditationScope(OCCUPATION, 3), new AccreditationScope("6-28-01-14", 3)),
                today.minusYears(1).toString(), today.plusYears(2).toString());
        Accreditation current;
        try {
            current = bureau.accreditation(cq.centerUscc());
        } catch (LedgerException e) {
            if (!"NOT_FOUND".equals(e.code())) {
                throw e;
            }
            bureau.accredit(terms);
            awaitCommitOnBothPeers();
            return;
        }
        if (!"ACTIVE".equals(current.status()) || current.refusalFor(cn.cdcq.registry.common.format.CredentialKind.SKILL_LEVEL, OCCUPATION, LEVEL, today).isPresent()) {
            bureau.amend(terms);
            if ("SUSPENDED".equals(current.status())) {
                bureau.reinstate(cq.centerUscc(), "ISSUES_RESOLVED", "Benchmark run");
            }
            awaitCommitOnBothPeers();
        }
    }

    /** Lets the other region's peer catch up with a write (the center issues through its own peer). */
    void awaitCommitOnBothPeers() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The n-th certificate number of this run: S + body 0002 + Chongqing 50 + site + year + level + serial. */
    String number(long n) {
        long s = (site + n / 1_000_000) % 1_000_000;
        return String.format("S000250%06d%02d%d%06d", s, today.getYear() % 100, LEVEL, n % 1_000_000);
    }

    /** The claims of the n-th certificate (holder pseudonym and commitment computed as a center's client does). */
    CertificateClaims claims(long n) {
        String id = idNumbers.get((int) (n % idNumbers.size()));
        return issuer.prepare(new CertificateDraft(number(n), OCCUPATION, LEVEL, today.toString(),
                today.plusYears(4).toString(), "张伟", id)).claims();
    }

    @Override
    public void close() {
        gateways.forEach(RegistryGateway::close);
        channels.values().forEach(ch -> {
            ch.shutdownNow();
            try {
                ch.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
