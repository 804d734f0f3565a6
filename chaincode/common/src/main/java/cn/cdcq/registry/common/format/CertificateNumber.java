package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;

/**
 * Certificate number: the key under which a credential of any {@linkplain CredentialKind kind}
 * is stored and looked up by employers in either region. Its first character says the kind.
 *
 * <ul>
 *   <li>Skill level certificate (职业技能等级证书编号), 22 characters: {@code Y} (issued by an
 *       employer) or {@code S} (by a social training and evaluation organization), then 21 digits:
 *       body code (4), province code (2), site sequence (6), issue year (2), level (1, from 1
 *       高级技师 to 5 初级工) and serial (6). This is the national format.</li>
 *   <li>Special vocational ability certificate (专项职业能力证书), 16 characters: {@code Z}, body
 *       code (4), province code (2), issue year (2) and serial (7). No national format is laid
 *       down for it; this is the registry's, built from the same parts as the skill level number.</li>
 *   <li>Professional title certificate (职称证书), 14 characters: {@code T}, province code (2),
 *       title series ({@link TitleSeries}, 2), grade (1, from 1 正高级 to 5 员级), issue year (2) and
 *       serial (6). Provinces number title certificates each their own way; this is the registry's.</li>
 * </ul>
 *
 * <p>No number carries a check digit, so besides its shape what can be checked is that its level
 * digit agrees with the certificate's level ({@link #requireLevel(String, int)}).
 */
public final class CertificateNumber {

    private static final int SKILL_LENGTH = 22;
    private static final int SKILL_LEVEL_POSITION = 16;
    private static final int ABILITY_LENGTH = 16;
    private static final int TITLE_LENGTH = 14;
    private static final int TITLE_GRADE_POSITION = 6;

    private CertificateNumber() {
    }

    /**
     * The fields of a certificate number, for display and for cross-checks against the record.
     *
     * @param kind         the credential kind the number's first character names
     * @param issuerType   the first character: {@code 'Y'} employer or {@code 'S'} social training and
     *                     evaluation organization (skill level), {@code 'Z'} or {@code 'T'}
     * @param bodyCode     4-digit code of the evaluation body, or null for a title
     * @param provinceCode 2-digit province code
     * @param siteSequence 6-digit evaluation site sequence, or null for a special ability or a title
     * @param series       2-digit title series, or null for the other kinds
     * @param issueYear2   last two digits of the issue year
     * @param level        the level digit (skill level or title grade), 0 for a special ability
     * @param serial       serial number (6 digits, 7 for a special ability)
     */
    public record Parts(CredentialKind kind, char issuerType, String bodyCode, String provinceCode,
                        String siteSequence, String series, int issueYear2, int level, String serial) {
    }

    /** The trimmed, uppercased number, or an {@code INVALID_CERTIFICATE_NUMBER} error saying what is wrong. */
    public static String validate(String number) {
        return check(number).value;
    }

    /** The kind of credential a valid number is for. */
    public static CredentialKind kindOf(String number) {
        return parse(number).kind();
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
        return parts(check(number));
    }

    private static Parts parts(Checked checked) {
        String v = checked.value;
        return switch (checked.kind) {
            case SKILL_LEVEL -> new Parts(CredentialKind.SKILL_LEVEL, v.charAt(0), v.substring(1, 5), v.substring(5, 7),
                    v.substring(7, 13), null, Integer.parseInt(v.substring(13, 15)),
                    v.charAt(SKILL_LEVEL_POSITION - 1) - '0', v.substring(16, 22));
            case SPECIAL_ABILITY -> new Parts(CredentialKind.SPECIAL_ABILITY, 'Z', v.substring(1, 5), v.substring(5, 7),
                    null, null, Integer.parseInt(v.substring(7, 9)), 0, v.substring(9, 16));
            case PROFESSIONAL_TITLE -> new Parts(CredentialKind.PROFESSIONAL_TITLE, 'T', null, v.substring(1, 3),
                    null, v.substring(3, 5), Integer.parseInt(v.substring(6, 8)),
                    v.charAt(TITLE_GRADE_POSITION - 1) - '0', v.substring(8, 14));
        };
    }

    /**
     * The number, normalized as {@link #validate} does, if its level digit is {@code level} (0 for
     * a special ability, which has none); refused otherwise.
     */
    public static String requireLevel(String number, int level) {
        Checked checked = check(number);
        Parts parts = parts(checked);
        CredentialKind kind = parts.kind();
        kind.validateLevel(level);
        if (parts.level() != level) {
            throw invalid("certificate number " + checked.value + ": level digit (position " + levelPosition(kind)
                    + ") is " + parts.level() + " (" + kind.levelName(parts.level()) + ") but the certificate is "
                    + "level " + level + " (" + kind.levelName(level) + "); correct the number or the level");
        }
        return checked.value;
    }

    private static int levelPosition(CredentialKind kind) {
        return kind == CredentialKind.PROFESSIONAL_TITLE ? TITLE_GRADE_POSITION : SKILL_LEVEL_POSITION;
    }

    private record Checked(String value, CredentialKind kind) {
    }

    private static Checked check(String number) {
        if (number == null || number.isBlank()) {
            throw invalid("certificate number is missing; give the number printed on the certificate "
                    + "(22 characters for a skill level certificate)");
        }
        String value = number.trim().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            // trim() also drops control characters, so a number of only those is empty here.
            throw invalid("certificate number has no printable character; give the number printed on the certificate");
        }
        char first = value.charAt(0);
        CredentialKind kind;
        int length;
        String shape;
        switch (first) {
            case 'Y', 'S' -> {
                kind = CredentialKind.SKILL_LEVEL;
                length = SKILL_LENGTH;
                shape = "must be 22 characters (Y or S and 21 digits)";
            }
            case 'Z' -> {
                kind = CredentialKind.SPECIAL_ABILITY;
                length = ABILITY_LENGTH;
                shape = "a special vocational ability certificate number must be 16 characters (Z and 15 digits)";
            }
            case 'T' -> {
                kind = CredentialKind.PROFESSIONAL_TITLE;
                length = TITLE_LENGTH;
                shape = "a professional title certificate number must be 14 characters (T and 13 digits)";
            }
            default -> throw invalid("certificate number " + value + ": first character must be Y (employer) or "
                    + "S (training and evaluation organization) for a skill level certificate (22 characters), Z for "
                    + "a special vocational ability certificate (16) or T for a professional title (14), found '"
                    + first + "'");
        }
        if (value.length() != length) {
            throw invalid("certificate number " + value + ": " + shape + ", found " + value.length());
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid("certificate number " + value + ": character '" + c + "' at position " + (i + 1)
                        + " must be a digit");
            }
        }
        if (kind.hasLevels()) {
            int position = levelPosition(kind);
            int level = value.charAt(position - 1) - '0';
            if (!kind.isValidLevel(level)) {
                throw invalid("certificate number " + value + ": level digit (position " + position + ") is "
                        + level + "; " + kind.levelsText());
            }
        }
        if (kind == CredentialKind.PROFESSIONAL_TITLE && !TitleSeries.isValid(value.substring(3, 5))) {
            throw invalid("certificate number " + value + ": positions 4-5 are the title series, "
                    + value.substring(3, 5) + " is none; " + TitleSeries.codesText());
        }
        return new Checked(value, kind);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_CERTIFICATE_NUMBER, message);
    }
}
