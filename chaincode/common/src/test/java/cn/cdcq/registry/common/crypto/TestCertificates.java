package cn.cdcq.registry.common.crypto;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Keys and self-signed certificates for tests, built with the JDK's key generator and Bouncy
 * Castle's ASN.1 classes (bcpkix's certificate builders are not on this module's classpath).
 *
 * <p>The fixed fixtures under {@code src/test/resources/cn/cdcq/registry/common/crypto} were made
 * with OpenSSL 3 and are test-only keys:
 * <pre>
 * openssl ecparam -name prime256v1 -genkey -noout -out p256-sec1.key.pem
 * openssl pkcs8 -topk8 -nocrypt -in p256-sec1.key.pem -out p256-pkcs8.key.pem
 * openssl req -new -x509 -key p256-pkcs8.key.pem -sha256 -days 36500 \
 *   -subj "/C=CN/O=Test Attestation CD/CN=cd-attestation-test" -out p256.cert.pem
 * openssl x509 -in p256.cert.pem -noout -fingerprint -sha256      # -> p256.cert.sha256
 * openssl dgst -sha256 -sign p256-pkcs8.key.pem message.txt       # -> message.sig.hex (DER, hex)
 * openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:secp384r1 ... -out p384.cert.pem
 * openssl req -new -x509 -newkey rsa:2048 ... -out rsa.cert.pem
 * openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.key.pem
 * </pre>
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256KeyPair() {
        return ecKeyPair("secp256r1");
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal X.509 v3 certificate for {@code keys}, self-signed with the JDK provider. */
    public static X509Certificate selfSigned(KeyPair keys, String distinguishedName) {
        boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
        String jcaAlgorithm = rsa ? "SHA256withRSA" : "SHA256withECDSA";
        AlgorithmIdentifier algorithm = rsa
                ? new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)
                : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name(distinguishedName);

        V3TBSCertificateGenerator tbsGenerator = new V3TBSCertificateGenerator();
        tbsGenerator.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now.toEpochMilli())));
        tbsGenerator.setSignature(algorithm);
        tbsGenerator.setIssuer(name);
        tbsGenerator.setSubject(name);
        tbsGenerator.setStartDate(new Time(Date.from(now.minus(1, ChronoUnit.DAYS))));
        tbsGenerator.setEndDate(new Time(Date.from(now.plus(365, ChronoUnit.DAYS))));
        tbsGenerator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        TBSCertificate tbs = tbsGenerator.generateTBSCertificate();
        try {
            Signature signer = Signature.getInstance(jcaAlgorithm);
            signer.initSign(keys.getPrivate());
            signer.update(tbs.getEncoded("DER"));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(tbs);
            certificate.add(algorithm);
            certificate.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(certificate).getEncoded("DER");
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = TestCertificates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
