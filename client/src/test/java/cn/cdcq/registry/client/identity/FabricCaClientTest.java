package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.common.crypto.Signatures;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The registrar's token as Fabric CA checks it. */
class FabricCaClientTest {

    private static final BigInteger N = ECNamedCurveTable.getByName("secp256r1").getN();

    @Test
    void theTokenIsTheCertificateAndALowSSignatureOverMethodUriBodyAndCertificate() {
        X509Certificate cert = Signatures.parseCertificate(TestPem.CERTIFICATE);
        MspIdentity registrar = new MspIdentity("ChengduMSP", cert, TestPem.KEYS.getPrivate());
        byte[] body = "{\"id\":\"cd-ins-1\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) { // ECDSA is randomized: about half the raw signatures have a high S
            String token = FabricCaClient.token(registrar, "POST", "/api/v1/register", body);
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(2);
            String certPem = new String(Base64.getDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            assertThat(Signatures.parseCertificate(certPem)).isEqualTo(cert);
            Base64.Encoder b64 = Base64.getEncoder();
            String payload = "POST." + b64.encodeToString("/api/v1/register".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(body) + "." + parts[0];
            byte[] signature = Base64.getDecoder().decode(parts[1]);
            assertThat(Signatures.verify(cert.getPublicKey(), payload.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
            BigInteger s = ASN1Integer.getInstance(ASN1Sequence.getInstance(signature).getObjectAt(1)).getValue();
            assertThat(s).isLessThanOrEqualTo(N.shiftRight(1));
        }
    }

    @Test
    void aHighSSignatureIsMirroredAndStillVerifies() {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        X509Certificate cert = Signatures.parseCertificate(TestPem.CERTIFICATE);
        int mirrored = 0;
        for (int i = 0; i < 40; i++) {
            byte[] raw = Signatures.sign(TestPem.KEYS.getPrivate(), data);
            byte[] low = FabricCaClient.lowS(raw);
            if (!java.util.Arrays.equals(raw, low)) {
                mirrored++;
            }
            assertThat(Signatures.verify(cert.getPublicKey(), data, low)).isTrue();
        }
        assertThat(mirrored).as("some of 40 random signatures had a high S").isPositive();
    }
}
