package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;

/**
 * The kinds of credential the registry holds, each with its own number format (see
 * {@link CertificateNumber}) and its own meaning of "level". The kind is read from the number's
 * first character, so a certificate's signed claims carry it without a field of their own and
 * every certificate issued before kinds existed (all of them skill level certificates) reads the
 * same.
 *
 * <ul>
 *   <li>{@link #SKILL_LEVEL} 职业技能等级证书: numbers start {@code Y} (issued by an employer) or
 *       {@code S} (by a social training and evaluation organization); level 1 高级技师 to 5 初级工.</li>
 *   <li>{@link #SPECIAL_ABILITY} 专项职业能力证书: numbers start {@code Z}; a special vocational
 *       ability is assessed as passed or not and has no level, written as level 0.</li>
 *   <li>{@link #PROFESSIONAL_TITLE} 职称证书: numbers start {@code T} and carry the title series
 *       ({@link TitleSeries}) and grade; grade 1 正高级 to 5 员级. Titles are for professional and
 *       technical personnel, so the occupation must be in major group 2 of the classification.</li>
 * </ul>
 *
 * <p>Levels compare the same way in every kind: a smaller number is more advanced.
 */
public enum CredentialKind {

    SKILL_LEVEL("职业技能等级证书", "vocational skill level certificate", 1,
            new String[]{null, "高级技师", "技师", "高级工", "中级工", "初级工"},
            new String[]{null, "senior technician", "technician", "senior worker", "intermediate worker", "junior worker"}),
    SPECIAL_ABILITY("专项职业能力证书", "special vocational ability certificate", 0,
            new String[]{"合格"}, new String[]{"passed"}),
    PROFESSIONAL_TITLE("职称证书", "professional title certificate", 1,
            new String[]{null, "正高级", "副高级", "中级", "助理级", "员级"},
            new String[]{null, "senior (full)", "senior (associate)", "intermediate", "assistant", "junior"});

    /** The least advanced level of the kinds that have levels. */
    public static final int LOWEST_LEVEL = 5;

    private final String chineseName;
    private final String englishName;
    private final int highestLevel;
    private final String[] chineseLevels;
    private final String[] englishLevels;

    CredentialKind(String chineseName, String englishName, int highestLevel, String[] chineseLevels,
                   String[] englishLevels) {
        this.chineseName = chineseName;
        this.englishName = englishName;
        this.highestLevel = highestLevel;
        this.chineseLevels = chineseLevels;
        this.englishLevels = englishLevels;
    }

    /** The kind named {@code name} (case-insensitive), or {@link #SKILL_LEVEL} for null or blank. */
    public static CredentialKind of(String name) {
        if (name == null || name.isBlank()) {
            return SKILL_LEVEL;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_CREDENTIAL_KIND, "credential kind " + name.trim()
                    + " does not exist; use SKILL_LEVEL, SPECIAL_ABILITY or PROFESSIONAL_TITLE");
        }
    }

    /** 职业技能等级证书, 专项职业能力证书 or 职称证书. */
    public String chineseName() {
        return chineseName;
    }

    /** The English name, e.g. "special vocational ability certificate". */
    public String englishName() {
        return englishName;
    }

    /**
     * Whether the vocational training subsidy may be paid for a certificate of this kind: skill
     * level and special vocational ability certificates, not professional titles (就业补助资金管理办法,
     * 财社〔2017〕164号, art. 6).
     */
    public boolean subsidized() {
        return this != PROFESSIONAL_TITLE;
    }

    /** Whether this kind has levels (a special vocational ability has none). */
    public boolean hasLevels() {
        return highestLevel > 0;
    }

    /** The most advanced level: 1, or 0 for a kind without levels. */
    public int highestLevel() {
        return highestLevel;
    }

    /** Whether {@code level} exists in this kind. */
    public boolean isValidLevel(int level) {
        return hasLevels() ? level >= highestLevel && level <= LOWEST_LEVEL : level == 0;
    }

    /** {@code level} itself if it exists in this kind, otherwise an {@code INVALID_LEVEL} error saying which do. */
    public int validateLevel(int level) {
        if (!isValidLevel(level)) {
            String what = switch (this) {
                case SKILL_LEVEL -> "skill level ";
                case SPECIAL_ABILITY -> "special vocational ability (专项职业能力) level ";
                case PROFESSIONAL_TITLE -> "professional title grade (职称级别) ";
            };
            throw new InvalidInputException(InvalidInputException.INVALID_LEVEL, what + level + " does not exist; "
                    + levelsText());
        }
        return level;
    }

    /** The Chinese name of {@code level} in this kind, e.g. 3 → 高级工 or 中级. */
    public String levelName(int level) {
        return chineseLevels[validateLevel(level)];
    }

    /** The level's number in Chinese, as certificates print a skill level: 3 → 三级. */
    public String chineseLevelNumber(int level) {
        return "〇一二三四五".charAt(validateLevel(level)) + "级";
    }

    /** The English name of {@code level} in this kind. */
    public String englishLevelName(int level) {
        return englishLevels[validateLevel(level)];
    }

    /** Whether a scope whose most advanced level is {@code highest} covers {@code level}. */
    public boolean covers(int highest, int level) {
        return isValidLevel(level) && level >= highest;
    }

    /** The levels of this kind, for error messages. */
    public String levelsText() {
        if (!hasLevels()) {
            return "a " + englishName + " has no level: use 0";
        }
        StringBuilder text = new StringBuilder("use ");
        for (int level = highestLevel; level <= LOWEST_LEVEL; level++) {
            text.append(level).append(' ').append(chineseLevels[level]).append(level < LOWEST_LEVEL ? ", " : "");
        }
        return text.toString();
    }
}
