package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.regex.Pattern;

/**
 * Occupation code from the national occupational classification (中华人民共和国职业分类大典),
 * e.g. {@code 4-04-05-01}: what accreditations, certificates and recognition rules are keyed on,
 * so both regions must write it the same way.
 *
 * <p>The form is major group (1 digit), middle group, minor group and occupation (2 digits each),
 * optionally followed by a 2-digit work-type segment ({@code 6-28-01-14-02}). Only the form is
 * checked; whether the code exists in the current edition of the classification is not.
 */
public final class OccupationCode {

    private static final Pattern FORM = Pattern.compile("^\\d-\\d{2}-\\d{2}-\\d{2}(-\\d{2})?$");

    private OccupationCode() {
    }

    /** The trimmed code, or an {@code INVALID_OCCUPATION} error. */
    public static String validate(String code) {
        if (code == null || code.isBlank()) {
            throw invalid("occupation code is missing; give the national classification code, e.g. 4-04-05-01");
        }
        String value = code.trim();
        if (!FORM.matcher(value).matches()) {
            throw invalid("occupation code " + value + ": expected the form d-dd-dd-dd, e.g. 4-04-05-01, "
                    + "optionally with a -dd work-type segment, e.g. 6-28-01-14-02");
        }
        return value;
    }

    /** Whether {@link #validate(String)} would accept {@code code}. */
    public static boolean isValid(String code) {
        try {
            validate(code);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, message);
    }
}
