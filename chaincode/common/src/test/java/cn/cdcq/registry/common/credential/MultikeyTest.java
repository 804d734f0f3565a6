package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.crypto.TestCertificates;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultikeyTest {

    @Test
    void aP256KeyRoundTripsAndStartsWithZDn() {
        KeyPair keys = TestCertificates.p256KeyPair();
        String multikey = Multikey.encode(keys.getPublic());
        assertThat(multikey).startsWith("zDn");
        assertThat(((java.security.interfaces.ECPublicKey) Multikey.decode(multikey)).getW())
                .isEqualTo(((java.security.interfaces.ECPublicKey) keys.getPublic()).getW());
    }

    @Test
    void anotherCurveOrKeyTypeIsRefused() throws Exception {
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        assertThatThrownBy(() -> Multikey.encode(k1.generateKeyPair().getPublic())).hasMessageContaining("only P-256");
        // An Ed25519 Multikey (0xed01 prefix) is not a P-256 one.
        assertThatThrownBy(() -> Multikey.decode("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"))
                .hasMessageContaining("not a P-256 Multikey");
        assertThatThrownBy(() -> Multikey.decode("zDn0")).hasMessageContaining("not a base58btc character");
    }
}
