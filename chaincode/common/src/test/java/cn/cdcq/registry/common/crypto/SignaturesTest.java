package cn.cdcq.registry.common.crypto;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Random;

import static cn.cdcq.registry.common.crypto.TestCertificates.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignaturesTest {

    private static final String OPENSSL_CERT = resource("p256.cert.pem");
    private static final String OPENSSL_PKCS8_KEY = resource("p256-pkcs8.key.pem");
    private static final String OPENSSL_SEC1_KEY = resource("p256-sec1.key.pem");
    private static final byte[] MESSAGE = resource("message.txt").getBytes(StandardCharsets.UTF_8);
    private static final byte[] OPENSSL_SIGNATURE = Hashes.fromHex(resource("message.sig.hex").trim());

    @Nested
    class ParsingCertificates {

        @Test
        void readsAnOpensslCertificate() {
            X509Certificate cert = Signatures.parseCertificate(OPENSSL_CERT);

            assertThat(cert.getSubjectX500Principal().getName()).contains("CN=cd-attestation-test");
            assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
        }

        @Test
        void toPemRoundTripsToTheSameCertificate() {
            X509Certificate cert = Signatures.parseCertificate(OPENSSL_CERT);

            String pem = Signatures.toPem(cert);

            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
            assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
                    .allMatch(line -> line.length() <= 64);
            assertThat(Signatures.parseCertificate(pem)).isEqualTo(cert);
            assertThat(pem.replace("\n", "")).isEqualTo(OPENSSL_CERT.replace("\n", ""));
        }

        @Test
        void acceptsWindowsLineEndingsAndSurroundingText() {
            String pem = "issued by the Chengdu bureau\r\n" + OPENSSL_CERT.replace("\n", "\r\n") + "\r\n";

            assertThat(Signatures.parseCertificate(pem)).isEqualTo(Signatures.parseCertificate(OPENSSL_CERT));
        }

        @Test
        void takesTheFirstCertificateOfAChain() {
            X509Certificate other = TestCertificates.selfSigned(TestCertificates.p256KeyPair(), "CN=other");

            X509Certificate first = Signatures.parseCertificate(OPENSSL_CERT + Signatures.toPem(other));

            assertThat(first).isEqualTo(Signatures.parseCertificate(OPENSSL_CERT));
        }

        @Test
        void rejectsTextWithoutAPemBlock() {
            assertThatThrownBy(() -> Signatures.parseCertificate("hello, I am not a certificate"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no PEM block found")
                    .hasMessageContaining("-----BEGIN CERTIFICATE-----")
                    .extracting("code").isEqualTo("INVALID_X509_CERTIFICATE");
        }

        @Test
        void rejectsEmptyInput() {
            assertThatThrownBy(() -> Signatures.parseCertificate(" "))
                    .hasMessageContaining("empty")
                    .extracting("code").isEqualTo("INVALID_X509_CERTIFICATE");
            assertThatThrownBy(() -> Signatures.parseCertificate(null))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void namesTheBlockFoundWhenAKeyIsGivenInsteadOfACertificate() {
            assertThatThrownBy(() -> Signatures.parseCertificate(OPENSSL_PKCS8_KEY))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'PRIVATE KEY'")
                    .hasMessageContaining("'CERTIFICATE'");
        }

        @Test
        void rejectsATruncatedPem() {
            String truncated = OPENSSL_CERT.substring(0, OPENSSL_CERT.indexOf("-----END"));

            assertThatThrownBy(() -> Signatures.parseCertificate(truncated))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cut short");
        }

        @Test
        void rejectsInvalidBase64() {
            String pem = "-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n";

            assertThatThrownBy(() -> Signatures.parseCertificate(pem))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not valid base64");
        }

        @Test
        void rejectsBase64ThatIsNotACertificate() {
            String pem = "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n";

            assertThatThrownBy(() -> Signatures.parseCertificate(pem))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not a readable X.509 certificate")
                    .extracting("code").isEqualTo("INVALID_X509_CERTIFICATE");
        }
    }

    @Nested
    class ReadingPrivateKeys {

        @Test
        void readsPkcs8AndSec1FormsOfTheSameKey() {
            ECPrivateKey pkcs8 = (ECPrivateKey) Signatures.parsePrivateKey(OPENSSL_PKCS8_KEY);
            ECPrivateKey sec1 = (ECPrivateKey) Signatures.parsePrivateKey(OPENSSL_SEC1_KEY);

            assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
        }

        @Test
        void skipsTheEcParametersBlockOpensslWritesBeforeASec1Key() {
            String withParameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                    + OPENSSL_SEC1_KEY;

            ECPrivateKey key = (ECPrivateKey) Signatures.parsePrivateKey(withParameters);

            assertThat(key.getS()).isEqualTo(((ECPrivateKey) Signatures.parsePrivateKey(OPENSSL_PKCS8_KEY)).getS());
        }

        @Test
        void readsAJdkGeneratedKeyWrittenAsPkcs8() {
            KeyPair keys = TestCertificates.p256KeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";

            PrivateKey key = Signatures.parsePrivateKey(pem);

            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, Signatures.sign(key, MESSAGE))).isTrue();
        }

        @Test
        void rejectsAnRsaKeyNamingIt() {
            assertThatThrownBy(() -> Signatures.parsePrivateKey(resource("rsa-pkcs8.key.pem")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("P-256")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }

        @Test
        void explainsThatEncryptedKeysAreNotSupported() {
            String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";

            assertThatThrownBy(() -> Signatures.parsePrivateKey(encrypted))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("encrypted keys are not supported");
        }

        @Test
        void rejectsACertificateGivenAsAKey() {
            assertThatThrownBy(() -> Signatures.parsePrivateKey(OPENSSL_CERT))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'CERTIFICATE'")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }

        @Test
        void rejectsGarbageInsideAKeyBlock() {
            String garbage = "-----BEGIN PRIVATE KEY-----\naGVsbG8gd29ybGQ=\n-----END PRIVATE KEY-----\n";

            assertThatThrownBy(() -> Signatures.parsePrivateKey(garbage))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_KEY");
        }
    }

    @Nested
    class RequiringP256 {

        @Test
        void acceptsOpensslAndJdkP256Certificates() {
            X509Certificate openssl = Signatures.parseCertificate(OPENSSL_CERT);
            X509Certificate jdk = TestCertificates.selfSigned(TestCertificates.p256KeyPair(), "CN=cd");

            assertThat(Signatures.requireP256(openssl)).isSameAs(openssl);
            assertThat(Signatures.requireP256(jdk)).isSameAs(jdk);
            assertThat(((java.security.interfaces.ECPublicKey) jdk.getPublicKey()).getParams().getCurve().getField()
                    .getFieldSize()).isEqualTo(256);
        }

        @Test
        void rejectsP384NamingTheCurve() {
            X509Certificate p384 = Signatures.parseCertificate(resource("p384.cert.pem"));

            assertThatThrownBy(() -> Signatures.requireP256(p384))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("secp384r1")
                    .hasMessageContaining("384-bit")
                    .hasMessageContaining("CN=p384-test")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }

        @Test
        void rejectsAGeneratedP521Certificate() {
            X509Certificate p521 = TestCertificates.selfSigned(TestCertificates.ecKeyPair("secp521r1"), "CN=p521");

            assertThatThrownBy(() -> Signatures.requireP256(p521))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("secp521r1");
        }

        @Test
        void rejectsRsaNamingTheAlgorithm() {
            X509Certificate rsa = Signatures.parseCertificate(resource("rsa.cert.pem"));

            assertThatThrownBy(() -> Signatures.requireP256(rsa))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("RSA key")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }
    }

    @Nested
    class SigningAndVerifying {

        private final KeyPair keys = TestCertificates.p256KeyPair();

        @Test
        void aSignatureVerifiesUnderTheMatchingKey() {
            byte[] signature = Signatures.sign(keys.getPrivate(), MESSAGE);

            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, signature)).isTrue();
        }

        @Test
        void aSignatureFailsForChangedData() {
            byte[] signature = Signatures.sign(keys.getPrivate(), MESSAGE);
            byte[] changed = MESSAGE.clone();
            changed[10] ^= 1;

            assertThat(Signatures.verify(keys.getPublic(), changed, signature)).isFalse();
        }

        @Test
        void aSignatureFailsUnderAnotherKey() {
            byte[] signature = Signatures.sign(keys.getPrivate(), MESSAGE);

            assertThat(Signatures.verify(TestCertificates.p256KeyPair().getPublic(), MESSAGE, signature)).isFalse();
        }

        @Test
        void verifiesASignatureMadeByOpenssl() {
            X509Certificate cert = Signatures.parseCertificate(OPENSSL_CERT);

            assertThat(Signatures.verify(cert.getPublicKey(), MESSAGE, OPENSSL_SIGNATURE)).isTrue();
        }

        @Test
        void producesSignaturesTheJdkProviderAccepts() throws Exception {
            PrivateKey key = Signatures.parsePrivateKey(OPENSSL_PKCS8_KEY);
            X509Certificate cert = Signatures.parseCertificate(OPENSSL_CERT);

            byte[] signature = Signatures.sign(key, MESSAGE);

            Signature jdk = Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(cert.getPublicKey());
            jdk.update(MESSAGE);
            assertThat(jdk.verify(signature)).isTrue();
        }

        @Test
        void malformedSignaturesAreInvalidNotErrors() {
            byte[] good = Signatures.sign(keys.getPrivate(), MESSAGE);
            byte[] trailingGarbage = Arrays.copyOf(good, good.length + 1);
            byte[] truncated = Arrays.copyOf(good, good.length - 3);
            byte[] rawRs = new byte[64];

            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, null)).isFalse();
            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, new byte[0])).isFalse();
            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, trailingGarbage)).isFalse();
            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, truncated)).isFalse();
            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, rawRs)).isFalse();
            assertThat(Signatures.verify(keys.getPublic(), MESSAGE, new byte[] {0x30, 0x00})).isFalse();
            Random random = new Random(42);
            for (int i = 0; i < 500; i++) {
                byte[] noise = new byte[random.nextInt(80)];
                random.nextBytes(noise);
                if (noise.length > 0 && random.nextBoolean()) {
                    noise[0] = 0x30;
                }
                assertThat(Signatures.verify(keys.getPublic(), MESSAGE, noise)).isFalse();
            }
        }

        @Test
        void refusesToSignWithAnRsaKey() {
            PrivateKey rsa = TestCertificates.rsaKeyPair().getPrivate();

            assertThatThrownBy(() -> Signatures.sign(rsa, MESSAGE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("RSA")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }

        @Test
        void refusesToVerifyWithAP384Key() {
            KeyPair p384 = TestCertificates.ecKeyPair("secp384r1");

            assertThatThrownBy(() -> Signatures.verify(p384.getPublic(), MESSAGE, new byte[8]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("384");
        }

        @Test
        void doesNotRegisterBouncyCastleGlobally() {
            Signatures.verify(keys.getPublic(), MESSAGE, Signatures.sign(keys.getPrivate(), MESSAGE));

            assertThat(Security.getProvider("BC")).isNull();
        }
    }

    @Nested
    class Fingerprint {

        @Test
        void matchesOpensslsSha256Fingerprint() {
            X509Certificate cert = Signatures.parseCertificate(OPENSSL_CERT);

            assertThat(Signatures.fingerprint(cert)).isEqualTo(resource("p256.cert.sha256").trim());
        }

        @Test
        void isTheSha256OfTheDerEncoding() throws Exception {
            X509Certificate cert = TestCertificates.selfSigned(TestCertificates.p256KeyPair(), "CN=fingerprint");

            assertThat(Signatures.fingerprint(cert))
                    .isEqualTo(Hashes.sha256Hex(cert.getEncoded()))
                    .matches("[0-9a-f]{64}");
        }
    }
}
