package cn.cdcq.registry.common.credential;

import com.fasterxml.jackson.databind.JsonNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Offline verifications per second on one thread (scripts/bench-credentials.sh runs it; not a
 * test). {@code fullVerification}: everything a verifier does with a registry credential against
 * the region's two status lists (parse, RFC 8785 twice, the credential's proof, validity, each
 * status entry, holder). A verifier checks each status list's proof and decodes it once, as one
 * checking many credentials against the same lists does, so only the first verification pays
 * those two extra signature checks.
 * {@code proofOnly}: the credential's ecdsa-jcs-2019 proof from parsed JSON (one ECDSA verification).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CredentialVerifierBenchmark {

    private CredentialVerifier verifier;
    private String credential;
    private JsonNode parsed;
    private java.security.PublicKey key;
    private byte[] signature;
    private Instant now;

    @Setup
    public void setUp() {
        Fixture fixture = new Fixture();
        verifier = fixture.verifier();
        credential = fixture.credential();
        now = Fixture.NOW;
        parsed = Jcs.parse(credential);
        key = fixture.key2.getPublic();
        signature = Multibase.decodeBase58btc(parsed.path("proof").path("proofValue").asText(), "proofValue");
        if (!verifier.verify(credential, now).valid()) {
            throw new IllegalStateException("the benchmark's credential does not verify");
        }
    }

    @Benchmark
    public CredentialVerification fullVerification() {
        return verifier.verify(credential, now);
    }

    @Benchmark
    public boolean proofOnly() {
        return EcdsaJcs2019.verify(EcdsaJcs2019.hashData(parsed, parsed.path("proof")).hashData(), signature, key);
    }
}
