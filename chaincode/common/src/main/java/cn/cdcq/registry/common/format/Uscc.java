package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): how enterprises and training
 * centers are identified in both regions.
 *
 * <p>The code is 18 characters from {@code 0-9A-HJ-NPQRTUWXY} (no I, O, S, V, Z, which are too
 * easily misread); the last is a check character computed from the first 17 with weights
 * {@code 3^i mod 31}. Checking it catches almost every single typo and transposition before a
 * wrong enterprise is rated or listed. Only the format and the check character are validated:
 * whether the code was actually issued is for the registration authority to say.
 */
public final class Uscc {

    /** The code's alphabet; a character's value is its index here. */
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int LENGTH = 18;

    private Uscc() {
    }

    /** The trimmed, uppercased code if it is well formed, otherwise an {@code INVALID_USCC} error saying why. */
    public static String validate(String uscc) {
        if (uscc == null || uscc.isBlank()) {
            throw invalid("USCC is missing; give the 18-character unified social credit code");
        }
        String code = uscc.trim().toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            throw invalid("USCC " + code + ": must be 18 characters, found " + code.length());
        }
        requireCharset(code, LENGTH, code);
        char expected = check(code);
        char found = code.charAt(LENGTH - 1);
        if (expected != found) {
            throw invalid("USCC " + code + ": check character should be " + expected + ", found " + found
                    + "; re-read the code from the business licence");
        }
        return code;
    }

    /** Whether {@link #validate(String)} would accept {@code uscc}. */
    public static boolean isValid(String uscc) {
        try {
            validate(uscc);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The check character that completes {@code first17} (17 characters, either case) into a valid code. */
    public static char checkCharacter(String first17) {
        if (first17 == null) {
            throw invalid("USCC prefix is missing; give the first 17 characters");
        }
        String prefix = first17.trim().toUpperCase(Locale.ROOT);
        if (prefix.length() != LENGTH - 1) {
            throw invalid("USCC prefix " + prefix + ": must be 17 characters to compute a check character, found "
                    + prefix.length());
        }
        requireCharset(prefix, LENGTH - 1, prefix);
        return check(prefix);
    }

    private static void requireCharset(String code, int count, String shown) {
        for (int i = 0; i < count; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                throw invalid("USCC " + shown + ": character '" + code.charAt(i) + "' at position " + (i + 1)
                        + " is not allowed; the code uses only 0-9 and A-Z without I, O, S, V, Z");
            }
        }
    }

    private static char check(String code) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_USCC, message);
    }
}
