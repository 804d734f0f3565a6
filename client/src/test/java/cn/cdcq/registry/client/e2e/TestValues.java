package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.Uscc;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Fresh values for end-to-end tests: every run works on a network other runs may have left data
 * on, so each test makes its own enterprises and documents rather than reusing fixed ones.
 */
final class TestValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** GB 32100-2015's 31 characters (no I, O, Z, S, V). */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private TestValues() {
    }

    /** A fresh, valid USCC starting with {@code prefix} (e.g. 8 characters: registration authority, type, division). */
    static String newUscc(String prefix) {
        StringBuilder first17 = new StringBuilder(prefix);
        while (first17.length() < 17) {
            first17.append(USCC_CHARS.charAt(RANDOM.nextInt(USCC_CHARS.length())));
        }
        return first17 + String.valueOf(Uscc.checkCharacter(first17.toString()));
    }

    /** {@code first17} with its GB 32100 check character: the USCC it begins. */
    static String withCheck(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex: a stand-in for a document's hash. */
    static String sha256(String text) {
        return Hashes.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code n} random decimal digits, the first not 0. */
    static String digits(int n) {
        StringBuilder b = new StringBuilder();
        b.append(1 + RANDOM.nextInt(9));
        while (b.length() < n) {
            b.append(RANDOM.nextInt(10));
        }
        return b.toString();
    }
}
