package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.privacy.FreeText;

/**
 * Checks shared by the records of this package: a value that reaches the ledger must already be
 * in the one form it is signed and keyed in, because normalizing it afterwards would change the
 * signed bytes.
 */
final class Fields {

    private Fields() {
    }

    /** Refuses {@code given} unless it is exactly {@code canonical} (the validator's normalized form). */
    static String requireCanonical(String field, String given, String canonical, String code) {
        if (!canonical.equals(given)) {
            throw new InvalidInputException(code, field + " \"" + given + "\" must be written exactly as \""
                    + canonical + "\" (no spaces, uppercase letters): it is signed and stored in that form");
        }
        return given;
    }

    /**
     * Free text a person wrote (a name, a reason): present, at most {@code max} characters, no
     * control characters. Reasons are public on the ledger, so they must not hold personal data;
     * that cannot be checked here and is the writer's duty.
     */
    static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(ReasonCodes.INVALID_TEXT, field + " is missing; write it out");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new InvalidInputException(ReasonCodes.INVALID_TEXT, field + " has " + text.length()
                    + " characters; at most " + max + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidInputException(ReasonCodes.INVALID_TEXT, field
                        + " contains a control character at position " + (i + 1) + "; use plain text on one line");
            }
        }
        return FreeText.requireNoPersonalData(field, text);
    }

    /** Like {@link #requireText} but {@code null} or blank is allowed and becomes {@code null}. */
    static String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : requireText(field, value, max);
    }
}
