package cn.cdcq.registry.common.crypto;

import cn.cdcq.registry.common.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256, HMAC-SHA256 and hex, the way record hashes, Merkle nodes and holder pseudonyms are
 * computed on both sides.
 *
 * <p>These use the JDK's own provider on purpose: for SHA-256 it is several times faster than
 * Bouncy Castle, and hashing sits on every write path (canonical hash, Merkle tree). Hex is always
 * lowercase so that a hash has exactly one textual form on the ledger.
 */
public final class Hashes {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private Hashes() {
    }

    /** SHA-256 of the concatenation of {@code parts}, without copying them into one array. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newSha256();
        for (int i = 0; i < parts.length; i++) {
            digest.update(Objects.requireNonNull(parts[i], () -> "SHA-256 input part is null"));
        }
        return digest.digest();
    }

    /** Lowercase hex of {@link #sha256(byte[]...)}. */
    public static String sha256Hex(byte[]... parts) {
        return hex(sha256(parts));
    }

    /** HMAC-SHA256 of {@code data} under {@code key} (RFC 2104). */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        if (key == null || key.length == 0) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "HMAC-SHA256 key is empty; configure a random secret of at least 16 bytes");
        }
        Objects.requireNonNull(data, "HMAC-SHA256 data is null");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute HMAC-SHA256, which every Java 17 has", e);
        }
    }

    /** Lowercase hexadecimal, two digits per byte. */
    public static String hex(byte[] bytes) {
        Objects.requireNonNull(bytes, "cannot hex-encode null bytes");
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Decodes hexadecimal (either case), refusing odd lengths and non-hex characters. */
    public static byte[] fromHex(String hex) {
        if (hex == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_HEX,
                    "hex string is missing; give two hex digits (0-9, a-f) per byte");
        }
        if (hex.length() % 2 != 0) {
            throw new InvalidInputException(InvalidInputException.INVALID_HEX,
                    "hex string of length " + hex.length() + " is odd; it needs two hex digits per byte");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex, 2 * i) << 4) | digit(hex, 2 * i + 1));
        }
        return out;
    }

    private static int digit(String hex, int index) {
        int value = Character.digit(hex.charAt(index), 16);
        // Character.digit also accepts full-width and other non-ASCII digits; hex here is ASCII only.
        if (value < 0 || hex.charAt(index) > 'f') {
            throw new InvalidInputException(InvalidInputException.INVALID_HEX,
                    "hex string has '" + hex.charAt(index) + "' at position " + (index + 1)
                            + "; only 0-9, a-f and A-F are allowed");
        }
        return value;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java 17 has", e);
        }
    }
}
