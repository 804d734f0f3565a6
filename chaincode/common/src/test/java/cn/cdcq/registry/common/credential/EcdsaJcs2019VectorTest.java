package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.crypto.Hashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The W3C vc-di-ecdsa test vectors for ecdsa-jcs-2019 with P-256 (copied unchanged into
 * src/test/resources/vc-di-ecdsa with their SOURCE.md): every intermediate reproduced, the given
 * signature verified, and the signed credential verified by the project's verifier.
 */
class EcdsaJcs2019VectorTest {

    private static final String DIR = "/vc-di-ecdsa/ecdsa-jcs-2019-p256/";

    @Nested
    class Intermediates {

        private final EcdsaJcs2019.HashData hash = EcdsaJcs2019.hashData(json("/vc-di-ecdsa/unsigned.json"),
                json(DIR + "proofConfigJCSECDSAP256.json"));

        @Test
        void theCanonicalDocumentAndItsHash() throws IOException {
            assertThat(hash.canonicalDocument()).isEqualTo(text(DIR + "canonDocJCSECDSAP256.txt"));
            assertThat(Hashes.hex(hash.documentHash())).isEqualTo(text(DIR + "docHashJCSECDSAP256.txt"));
        }

        @Test
        void theCanonicalProofConfigurationAndItsHash() throws IOException {
            assertThat(hash.canonicalProofConfig()).isEqualTo(text(DIR + "proofCanonJCSECDSAP256.txt"));
            assertThat(Hashes.hex(hash.proofConfigHash())).isEqualTo(text(DIR + "proofHashJCSECDSAP256.txt"));
        }

        @Test
        void theCombinedHash() throws IOException {
            assertThat(Hashes.hex(hash.hashData())).isEqualTo(text(DIR + "combinedHashJCSECDSAP256.txt"));
        }

        @Test
        void theProofConfigurationTakesTheDocumentsContextEvenWhenTheOptionsHaveNone() throws IOException {
            ObjectNode options = (ObjectNode) json(DIR + "proofConfigJCSECDSAP256.json");
            options.remove("@context");
            assertThat(EcdsaJcs2019.hashData(json("/vc-di-ecdsa/unsigned.json"), options).canonicalProofConfig())
                    .isEqualTo(text(DIR + "proofCanonJCSECDSAP256.txt"));
        }
    }

    @Nested
    class Signature {

        private final PublicKey publicKey = Multikey.decode(json("/vc-di-ecdsa/p256KeyPair.json").path("publicKeyMultibase").asText());

        @Test
        void theGivenSignatureVerifiesOverTheCombinedHash() throws IOException {
            byte[] combined = Hashes.fromHex(text(DIR + "combinedHashJCSECDSAP256.txt"));
            byte[] raw = Multibase.decodeBase58btc(text(DIR + "sigBTC58JCSECDSAP256.txt"), "signature");
            assertThat(Hashes.hex(raw)).isEqualTo(text(DIR + "sigHexJCSECDSAP256.txt"));
            assertThat(EcdsaJcs2019.verify(combined, raw, publicKey)).isTrue();
            raw[10] ^= 1;
            assertThat(EcdsaJcs2019.verify(combined, raw, publicKey)).isFalse();
        }

        @Test
        void theMultikeyRoundTrips() {
            assertThat(Multikey.encode(publicKey)).isEqualTo("zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP");
        }

        @Test
        void aProofMadeWithTheVectorsSecretKeyVerifiesAndHasTheVectorsShape() throws Exception {
            PrivateKey secret = secretKey(json("/vc-di-ecdsa/p256KeyPair.json").path("secretKeyMultibase").asText());
            ObjectNode options = (ObjectNode) json(DIR + "proofConfigJCSECDSAP256.json");
            options.remove("@context");
            ObjectNode signed = EcdsaJcs2019.addProof((ObjectNode) json("/vc-di-ecdsa/unsigned.json"), options,
                    hash -> cn.cdcq.registry.common.crypto.Signatures.sign(secret, hash));
            ObjectNode expected = (ObjectNode) json(DIR + "signedJCSECDSAP256.json");
            ((ObjectNode) expected.get("proof")).remove("proofValue");
            ObjectNode mine = signed.deepCopy();
            ((ObjectNode) mine.get("proof")).remove("proofValue");
            assertThat(mine).isEqualTo(expected);
            CredentialVerification result = new CredentialVerifier(List.of(), Map.of()).verify(signed.toString(), Instant.now());
            assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("VALID");
        }
    }

    @Test
    void theSignedVectorVerifiesWithTheProjectsVerifier() throws IOException {
        CredentialVerification result = new CredentialVerifier(List.of(), Map.of())
                .verify(text(DIR + "signedJCSECDSAP256.json"), Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("VALID");
        assertThat(result.step("REGION_SIGNATURE").orElseThrow().reason()).contains("did:key");
        assertThat(result.step("STATUS").orElseThrow().result()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void theSignedVectorWithOneCharacterChangedFails() throws IOException {
        String altered = text(DIR + "signedJCSECDSAP256.json").replace("The School of Examples", "The School of Exampled");
        CredentialVerification result = new CredentialVerifier(List.of(), Map.of()).verify(altered, Instant.now());
        assertThat(result.verdict()).isEqualTo("INVALID");
        assertThat(result.step("REGION_SIGNATURE").orElseThrow().result()).isEqualTo("FAIL");
        assertThat(result.problems()).extracting(CredentialVerification.Problem::title).containsExactly("CRYPTOGRAPHIC_SECURITY_ERROR");
    }

    /** A {@code p256-priv} (0x1306, varint 0x86 0x26) secretKeyMultibase as a JDK private key. */
    static PrivateKey secretKey(String multibase) throws Exception {
        byte[] bytes = Multibase.decodeBase58btc(multibase, "secretKeyMultibase");
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0x86, 0x26);
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(new BigInteger(1, Arrays.copyOfRange(bytes, 2, bytes.length)), spec));
    }

    static JsonNode json(String name) {
        try {
            return Jcs.parse(JcsTest.resource(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String text(String name) throws IOException {
        return JcsTest.resource(name).strip();
    }
}
