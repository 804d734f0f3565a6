package cn.cdcq.registry.common.credential;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * Multibase strings as Data Integrity and Bitstring Status Lists use them: {@code z} + base58btc
 * (proof values, Multikey public keys) and {@code u} + base64url without padding (encoded status
 * lists). Decoding refuses any other prefix and any character outside the alphabet.
 */
public final class Multibase {

    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    private Multibase() {
    }

    /** Text that is not the multibase encoding it should be. */
    public static final class MultibaseException extends RuntimeException {
        public MultibaseException(String message) {
            super(message);
        }
    }

    public static String base58btc(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(FIFTY_EIGHT);
            out.append(BASE58_ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        out.append("1".repeat(zeros));
        return "z" + out.reverse();
    }

    public static byte[] decodeBase58btc(String multibase, String what) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new MultibaseException(what + " must be multibase base58btc (a 'z' and base58 characters); got "
                    + shown(multibase));
        }
        String text = multibase.substring(1);
        BigInteger value = BigInteger.ZERO;
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        for (int i = 0; i < text.length(); i++) {
            int digit = BASE58_ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new MultibaseException(what + " has '" + text.charAt(i) + "' at position " + (i + 2)
                        + ", which is not a base58btc character");
            }
            value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        if (magnitude.length > 0 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return out;
    }

    public static String base64url(byte[] bytes) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] decodeBase64url(String multibase, String what) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'u') {
            throw new MultibaseException(what + " must be multibase base64url (a 'u' and base64url characters); got "
                    + shown(multibase));
        }
        try {
            return Base64.getUrlDecoder().decode(multibase.substring(1));
        } catch (IllegalArgumentException e) {
            throw new MultibaseException(what + " is not base64url after its 'u': " + e.getMessage());
        }
    }

    private static String shown(String text) {
        if (text == null) {
            return "nothing";
        }
        return "\"" + (text.length() > 24 ? text.substring(0, 24) + "..." : text) + "\"";
    }
}
