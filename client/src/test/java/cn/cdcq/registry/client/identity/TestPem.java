package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.common.crypto.Signatures;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** A P-256 key and a self-signed certificate made once per test run. */
final class TestPem {

    static final KeyPair KEYS;
    static final String CERTIFICATE;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KEYS = g.generateKeyPair();
            X500Name name = new X500Name("CN=registrar-test");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), name, KEYS.getPublic());
            CERTIFICATE = Signatures.toPem(new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate()))));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestPem() {
    }
}
