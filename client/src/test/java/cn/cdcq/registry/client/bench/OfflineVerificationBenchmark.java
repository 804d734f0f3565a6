package cn.cdcq.registry.client.bench;

import cn.cdcq.registry.client.certificate.CertificateIssuer;
import cn.cdcq.registry.client.certificate.CertificateIssuer.CertificateDraft;
import cn.cdcq.registry.common.certificate.BatchHeader;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.merkle.MerkleTree.ProofStep;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline verification of a batch-signed certificate (what a verifier holding the certificate,
 * its Merkle path, the batch header with its signature and the region's attestation key does:
 * canonical leaf bytes, path to the root, root equals the header's, one ECDSA P-256 verify of the
 * header) against a bare P-256 verify of the same header bytes, in the same JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class OfflineVerificationBenchmark {

    private CertificateClaims claims;
    private List<ProofStep> path;
    private BatchHeader header;
    private byte[] headerBytes;
    private byte[] signature;
    private PublicKey key;

    @Setup
    public void batch() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        CertificateIssuer issuer = new CertificateIssuer("CQ", "52500000MJ00000033",
                "bench-consortium-pepper-0123456789".getBytes(StandardCharsets.US_ASCII), pair.getPrivate());
        List<CertificateClaims> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String first17 = "50010119800101" + String.format("%03d", i);
            all.add(issuer.prepare(new CertificateDraft(String.format("S00025012345626%d%06d", 4, i), "4-04-05-01", 4,
                    "2026-06-30", null, "张伟", first17 + ResidentIdNumber.checkCharacter(first17))).claims());
        }
        CertificateBatchRequest request = issuer.signBatch(all);
        MerkleTree tree = CertificateAttestation.merkleTree(all);
        claims = all.get(617);
        path = tree.proof(617);
        header = CertificateAttestation.header(all);
        headerBytes = CertificateAttestation.signedBytes(header);
        signature = Hashes.fromHex(request.signature());
        key = pair.getPublic();
        if (!offlineBatchCertificate() || !bareP256Verify()) {
            throw new IllegalStateException("the benchmark's certificate does not verify");
        }
    }

    @Benchmark
    public boolean offlineBatchCertificate() {
        return CertificateAttestation.leadsToRoot(claims, path, header.merkleRoot())
                && Signatures.verify(key, CertificateAttestation.signedBytes(header), signature);
    }

    @Benchmark
    public boolean bareP256Verify() {
        return Signatures.verify(key, headerBytes, signature);
    }
}
