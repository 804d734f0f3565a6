package cn.cdcq.registry.client.region;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegionAttestationTest {

    @TempDir
    Path msp;

    @Test
    void signsCanonicalBytesWithTheAttestationKeyFromItsMspFolder() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=attestation");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.TEN, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Files.createDirectories(msp.resolve("signcerts"));
        Files.createDirectories(msp.resolve("keystore"));
        Files.writeString(msp.resolve("signcerts/cert.pem"), Signatures.toPem(cert));
        Files.writeString(msp.resolve("keystore/abc_sk"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        RegionAttestation attestation = new RegionAttestation(new ServiceProperties("chengdu", "CD", "ChengduMSP",
                "laborchannel", "registry", new ServiceProperties.Peer("127.0.0.1:1", "peer0", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca", Path.of("ca.pem"), Path.of("registrar")),
                Path.of("data"), msp, null, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null));

        byte[] record = Json.canonicalBytes(Map.of("number", "S000000000000000000001", "level", 3));
        byte[] signature = attestation.sign(record, "SkillCertificate", "S000000000000000000001", "cd-center");
        assertThat(Signatures.verify(cert.getPublicKey(), record, signature)).isTrue();
        assertThat(attestation.fingerprint()).isEqualTo(Signatures.fingerprint(cert));
    }
}
