package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;

/**
 * Skill level certificate number (职业技能等级证书编号): the key under which a certificate is
 * stored and looked up by employers in either region.
 *
 * <p>22 characters: {@code Y} (issued by an employer) or {@code S} (by a social training and
 * evaluation organization), then 21 digits: body code (4), province code (2), site sequence (6),
 * issue year (2), level (1, from 1 高级技师 to 5 初级工) and serial (6). The number carries no
 * check digit, so besides its shape the one thing that can be checked is that its level digit
 * agrees with the certificate's level ({@link #requireLevel(String, int)}).
 */
public final class CertificateNumber {

    private static final int LENGTH = 22;
    private static final int LEVEL_POSITION = 16;

    private CertificateNumber() {
    }

    /**
     * The fields of a certificate number, for display and for cross-checks against the record.
     *
     * @param issuerType   {@code 'Y'} employer or {@code 'S'} social training and evaluation organization
     * @param bodyCode     4-digit code of the evaluation body
     * @param provinceCode 2-digit province code
     * @param siteSequence 6-digit evaluation site sequence
     * @param issueYear2   last two digits of the issue year
     * @param level        skill level, 1 (高级技师) to 5 (初级工)
     * @param serial       6-digit serial number
     */
    public record Parts(char issuerType, String bodyCode, String provinceCode, String siteSequence,
                        int issueYear2, int level, String serial) {
    }

    /** The trimmed, uppercased number, or an {@code INVALID_CERTIFICATE_NUMBER} error saying what is wrong. */
    public static String validate(String number) {
        if (number == null || number.isBlank()) {
            throw invalid("certificate number is missing; give the 22-character number printed on the certificate");
        }
        String value = number.trim().toUpperCase(Locale.ROOT);
        if (value.length() != LENGTH) {
            throw invalid("certificate number " + value + ": must be 22 characters (Y or S and 21 digits), found "
                    + value.length());
        }
        char issuer = value.charAt(0);
        if (issuer != 'Y' && issuer != 'S') {
            throw invalid("certificate number " + value + ": first character must be Y (employer) or "
                    + "S (training and evaluation organization), found '" + issuer + "'");
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid("certificate number " + value + ": character '" + c + "' at position " + (i + 1)
                        + " must be a digit");
            }
        }
        int level = value.charAt(LEVEL_POSITION - 1) - '0';
        if (!SkillLevel.isValid(level)) {
            throw invalid("certificate number " + value + ": level digit (position " + LEVEL_POSITION + ") is "
                    + level + "; it must be 1 (高级技师) to 5 (初级工)");
        }
        return value;
    }

    /** Whether {@link #validate(String)} would accept {@code number}. */
    public static boolean isValid(String number) {
        try {
            validate(number);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Splits a valid number into its fields. */
    public static Parts parse(String number) {
        String value = validate(number);
        return new Parts(
                value.charAt(0),
                value.substring(1, 5),
                value.substring(5, 7),
                value.substring(7, 13),
                Integer.parseInt(value.substring(13, 15)),
                value.charAt(LEVEL_POSITION - 1) - '0',
                value.substring(16, 22));
    }

    /**
     * The number, normalized as {@link #validate} does, if its level digit is {@code level};
     * refused otherwise.
     */
    public static String requireLevel(String number, int level) {
        SkillLevel.validate(level);
        Parts parts = parse(number);
        if (parts.level() != level) {
            throw invalid("certificate number " + validate(number) + ": level digit (position " + LEVEL_POSITION
                    + ") is " + parts.level() + " (" + SkillLevel.nameOf(parts.level()) + ") but the certificate is "
                    + "level " + level + " (" + SkillLevel.nameOf(level) + "); correct the number or the level");
        }
        return validate(number);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_CERTIFICATE_NUMBER, message);
    }
}
