package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.Sha256Hex;

/** Checks for the values credit and case records share: document hashes, pseudonyms, counts. */
public final class CreditInputs {

    /** A document hash or pseudonym that is not 64 hex digits. */
    public static final String INVALID_HASH = "INVALID_HASH";
    /** A value outside its allowed range (negative amount, zero workers, too long a reason). */
    public static final String INVALID_VALUE = "INVALID_VALUE";

    private CreditInputs() {
    }

    /**
     * A SHA-256 in lowercase hex (documents stay in the bureaus' archives; the ledger keeps only
     * their hash, so no personal data in a decision or complaint reaches world state).
     */
    public static String sha256Hex(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(INVALID_HASH, field + " is missing; give the SHA-256 of the document "
                    + "as 64 hex digits");
        }
        return Sha256Hex.normalized(value).orElseThrow(() -> new InvalidInputException(INVALID_HASH, field + " '"
                + value + "' is not a SHA-256 in hex (64 digits 0-9, a-f)"));
    }

    /** A holder pseudonym (HMAC-SHA256 of the ID number under the consortium pepper, see Holder). */
    public static String pseudonym(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(INVALID_HASH, field + " is missing; give the person's pseudonym "
                    + "(Holder.pseudonym: 64 hex digits), never a name or ID number");
        }
        return Sha256Hex.normalized(value).orElseThrow(() -> new InvalidInputException(INVALID_HASH, field
                + " is not a pseudonym (64 hex digits from Holder.pseudonym); names and ID numbers never go on the ledger"));
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidInputException(INVALID_VALUE, field + " is " + value + "; it cannot be negative");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(INVALID_VALUE, field + " is missing");
        }
        String v = value.strip();
        if (v.length() > maxLength) {
            throw new InvalidInputException(INVALID_VALUE, field + " is " + v.length() + " characters; at most "
                    + maxLength);
        }
        return v;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(INVALID_VALUE, field + " is missing");
        }
        return value;
    }
}
