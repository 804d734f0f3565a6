package cn.cdcq.registry.common.credential;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;

/**
 * P-256 public keys as {@code Multikey} {@code publicKeyMultibase} (W3C Controlled Identifiers
 * §2.2.2, vc-di-ecdsa §2.1): base58btc of the multicodec {@code p256-pub} prefix (0x1200, varint
 * {@code 0x80 0x24}) followed by the 33-byte compressed point, so every such key starts
 * {@code zDn}. The same form names the key in a {@code did:key}.
 */
public final class Multikey {

    private static final byte[] P256_PUB_PREFIX = {(byte) 0x80, 0x24};
    private static final ECNamedCurveParameterSpec CURVE = ECNamedCurveTable.getParameterSpec("P-256");
    private static final ECParameterSpec JDK_P256 = jdkParams();
    /**
     * Keys are built by Bouncy Castle, which then verifies with them as they are; a JDK key would
     * be converted to Bouncy Castle's form on every verification. Held privately, never registered.
     */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Multikey() {
    }

    /** The publicKeyMultibase of a P-256 public key. */
    public static String encode(PublicKey key) {
        // EllipticCurve.equals compares field and coefficients: secp256k1, also 256 bits, is refused.
        if (!(key instanceof ECPublicKey ec) || !JDK_P256.getCurve().equals(ec.getParams().getCurve())) {
            throw new Multibase.MultibaseException("only P-256 public keys have a p256-pub Multikey; got "
                    + (key == null ? "no key" : key.getAlgorithm()));
        }
        ECPoint point = CURVE.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY());
        byte[] compressed = point.getEncoded(true);
        byte[] out = new byte[P256_PUB_PREFIX.length + compressed.length];
        System.arraycopy(P256_PUB_PREFIX, 0, out, 0, P256_PUB_PREFIX.length);
        System.arraycopy(compressed, 0, out, P256_PUB_PREFIX.length, compressed.length);
        return Multibase.base58btc(out);
    }

    /** The P-256 public key of a publicKeyMultibase; refuses other key types and points off the curve. */
    public static PublicKey decode(String publicKeyMultibase) {
        byte[] bytes = Multibase.decodeBase58btc(publicKeyMultibase, "publicKeyMultibase");
        if (bytes.length != 35 || bytes[0] != P256_PUB_PREFIX[0] || bytes[1] != P256_PUB_PREFIX[1]) {
            throw new Multibase.MultibaseException("publicKeyMultibase is not a P-256 Multikey (it needs the p256-pub "
                    + "prefix 0x8024 and a 33-byte compressed point, 35 bytes; got " + bytes.length + " bytes"
                    + (bytes.length >= 2 ? String.format(" starting 0x%02x%02x", bytes[0], bytes[1]) : "") + ")");
        }
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(java.util.Arrays.copyOfRange(bytes, 2, bytes.length)).normalize();
        } catch (IllegalArgumentException e) {
            throw new Multibase.MultibaseException("publicKeyMultibase holds no point on P-256: " + e.getMessage());
        }
        try {
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(point.getAffineXCoord().toBigInteger(),
                    point.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePublic(new ECPublicKeySpec(w, JDK_P256));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("the JDK cannot build a P-256 public key", e);
        }
    }

    private static ECParameterSpec jdkParams() {
        try {
            java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
            parameters.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256 parameters", e);
        }
    }
}
