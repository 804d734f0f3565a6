package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a SHA-256 (or HMAC-SHA256) value in hex: 64 digits {@code 0-9a-f}. Stored and
 * signed values are always lower case. Where a person or a service hands one in as an argument,
 * upper case and surrounding blanks are accepted and normalized ({@link #normalized}); inside a record that is signed or
 * keyed, it must already be lower case ({@link #requireCanonical}), because lowering it
 * afterwards would change the signed bytes.
 */
public final class Sha256Hex {

    private static final Pattern LOWERCASE = Pattern.compile("[0-9a-f]{64}");

    private Sha256Hex() {
    }

    /** Whether {@code value} is exactly 64 lowercase hex digits. */
    public static boolean isCanonical(String value) {
        return value != null && LOWERCASE.matcher(value).matches();
    }

    /**
     * {@code value} stripped and lowered if it is then 64 lowercase hex digits, else empty: for
     * arguments, whose caller words the refusal for its field.
     */
    public static Optional<String> normalized(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return isCanonical(v) ? Optional.of(v) : Optional.empty();
    }

    /** {@code value} itself, refused with {@code code} unless it is already 64 lowercase hex digits. */
    public static String requireCanonical(String field, String value, String code) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(code, field + " is missing; give 64 lowercase hex digits");
        }
        if (value.length() != 64) {
            throw new InvalidInputException(code, field + " has " + value.length()
                    + " characters; it must be 64 lowercase hex digits (a SHA-256 value)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                throw new InvalidInputException(code, field + " has '" + c + "' at position " + (i + 1)
                        + "; it must be 64 lowercase hex digits (a SHA-256 value)");
            }
        }
        return value;
    }
}
