package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.privacy.Holder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAttestationTest {

    static final String CENTER = "52500000MJ0000002" + cn.cdcq.registry.common.format.Uscc.checkCharacter("52500000MJ0000002");
    static final byte[] PEPPER = "consortium-test-pepper-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final PrivateKey KEY = Signatures.parsePrivateKey(resource("p256-pkcs8.key.pem"));
    private static final X509Certificate CERT = Signatures.parseCertificate(resource("p256.cert.pem"));

    static CertificateClaims claims(int serial) {
        String id = "500101199001011" + String.format("%02d", serial % 100);
        id = id.substring(0, 17) + ResidentIdNumber.checkCharacter(id.substring(0, 17));
        return new CertificateClaims(String.format("S00015000000126%d%06d", 4, serial), "4-04-05-01", 4, CENTER, "CQ",
                "2026-01-01", "2029-12-31", Holder.pseudonym(PEPPER, id),
                Holder.commitment(new byte[32], new Holder.HolderDetails("张三", id)));
    }

    @Nested
    class SignedPayload {

        @Test
        void isTheCanonicalJsonOfTheClaimsWithTheirType() {
            String payload = new String(CertificateAttestation.signedBytes(claims(1)), StandardCharsets.UTF_8);
            assertThat(payload).startsWith("{\"centerId\":\"" + CENTER + "\",\"expiryDate\":\"2029-12-31\"")
                    .contains("\"type\":\"cdcq:SkillCertificate:1\"").doesNotContain(" ");
            assertThat(payload.indexOf("\"number\"")).isLessThan(payload.indexOf("\"occupation\""));
        }

        @Test
        void leavesOutAMissingExpiryDate() {
            CertificateClaims c = claims(1);
            CertificateClaims noExpiry = new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(),
                    c.region(), c.issueDate(), null, c.holderPseudonym(), c.holderCommitment());
            assertThat(new String(CertificateAttestation.signedBytes(noExpiry), StandardCharsets.UTF_8))
                    .doesNotContain("expiryDate");
        }

        @Test
        void aStoredCertificateSerializesOnlyItsFields() {
            SkillCertificate stored = new SkillCertificate(claims(1), "00", null, null, null, 1, 1, "t", "tx", "by",
                    CertificateStatus.VALID, null, null, null, null);
            String json = Json.write(stored);
            assertThat(Json.tree(json).has("number")).as("a derived accessor is not a field").isFalse();
            assertThat(json).doesNotContain("Batch\"");
            assertThat(Json.read(json, SkillCertificate.class)).isEqualTo(stored);
            CertificateBatch batch = new CertificateBatch("ab", "CQ", CENTER, 1, "00", 1, "t", "tx", "by");
            assertThat(Json.write(batch)).doesNotContain("header");
        }
    }

    @Nested
    class SingleSignatures {

        @Test
        void verifyOverTheClaimsAsSigned() {
            String signature = CertificateAttestation.sign(claims(1), KEY);
            assertThat(CertificateAttestation.verify(claims(1), signature, CERT)).isTrue();
        }

        @Test
        void failWhenAnyClaimChanges() {
            String signature = CertificateAttestation.sign(claims(1), KEY);
            CertificateClaims c = claims(1);
            CertificateClaims otherLevel = new CertificateClaims(c.number(), c.occupation(), 3, c.centerId(), c.region(),
                    c.issueDate(), c.expiryDate(), c.holderPseudonym(), c.holderCommitment());
            assertThat(CertificateAttestation.verify(otherLevel, signature, CERT)).isFalse();
            assertThat(CertificateAttestation.verify(claims(2), signature, CERT)).isFalse();
        }

        @Test
        void failForGarbageAndForAnotherKey() {
            assertThat(CertificateAttestation.verify(claims(1), "zz", CERT)).isFalse();
            assertThat(CertificateAttestation.verify(claims(1), "3006020101020101", CERT)).isFalse();
            String signature = CertificateAttestation.sign(claims(1), keyPair().getPrivate());
            assertThat(CertificateAttestation.verify(claims(1), signature, CERT)).isFalse();
        }

        @Test
        void aBatchHeaderSignatureNeverPassesForACertificate() {
            BatchHeader header = CertificateAttestation.header(List.of(claims(1)));
            String signature = CertificateAttestation.sign(header, KEY);
            assertThat(CertificateAttestation.verify(header, signature, CERT)).isTrue();
            assertThat(CertificateAttestation.verify(claims(1), signature, CERT)).isFalse();
        }

        @Test
        void aMissingOrNonHexSignatureIsRefusedWithItsOwnCode() {
            assertThatThrownBy(() -> CertificateAttestation.requireSignatureFormat(" "))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.getCode()).isEqualTo(CertificateAttestation.INVALID_SIGNATURE_FORMAT));
            assertThatThrownBy(() -> CertificateAttestation.requireSignatureFormat("xyz"))
                    .hasMessageContaining("not hex");
        }
    }

    @Nested
    class Batches {

        @Test
        void everyCertificatesPathLeadsToTheSignedRoot() {
            List<CertificateClaims> batch = new ArrayList<>();
            for (int i = 1; i <= 37; i++) {
                batch.add(claims(i));
            }
            BatchHeader header = CertificateAttestation.header(batch);
            assertThat(header.count()).isEqualTo(37);
            assertThat(header.region()).isEqualTo("CQ");
            MerkleTree tree = CertificateAttestation.merkleTree(batch);
            assertThat(Hashes.hex(tree.root())).isEqualTo(header.merkleRoot());
            for (int i = 0; i < batch.size(); i++) {
                assertThat(CertificateAttestation.leadsToRoot(batch.get(i), tree.proof(i), header.merkleRoot())).isTrue();
            }
            assertThat(CertificateAttestation.leadsToRoot(claims(99), tree.proof(0), header.merkleRoot())).isFalse();
            assertThat(CertificateAttestation.leadsToRoot(batch.get(1), tree.proof(0), header.merkleRoot())).isFalse();
        }

        @Test
        void anEmptyOrOversizeBatchIsABatchSizeErrorNotAMerkleOne() {
            assertThatThrownBy(() -> CertificateAttestation.merkleTree(List.of()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one certificate")
                    .extracting("code").isEqualTo(InvalidInputException.INVALID_BATCH_SIZE);
            List<CertificateClaims> tooMany = java.util.Collections.nCopies(CertificateAttestation.MAX_BATCH_SIZE + 1,
                    claims(1));
            assertThatThrownBy(() -> CertificateAttestation.merkleTree(tooMany))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("2001 certificates")
                    .extracting("code").isEqualTo(InvalidInputException.INVALID_BATCH_SIZE);
        }

        @Test
        void theOrderOfTheCertificatesIsPartOfTheRoot() {
            String forward = CertificateAttestation.header(List.of(claims(1), claims(2))).merkleRoot();
            String backward = CertificateAttestation.header(List.of(claims(2), claims(1))).merkleRoot();
            assertThat(forward).isNotEqualTo(backward);
        }

        @Test
        void anEmptyBatchIsRefused() {
            assertThatThrownBy(() -> CertificateAttestation.header(List.of()))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixed OpenSSL-made test key pair of the crypto tests' resources. */
    static String resource(String name) {
        try (var in = CertificateAttestationTest.class.getResourceAsStream("/cn/cdcq/registry/common/crypto/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
