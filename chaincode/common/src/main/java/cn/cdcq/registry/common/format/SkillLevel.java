package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

/**
 * National vocational skill level (职业技能等级): 5 初级工 (the lowest) up to 1 高级技师 (the
 * highest). Note the order: a smaller number is a higher level, so "at least level 3" means
 * {@code level <= 3}. Recognition rules and accreditations compare levels this way.
 */
public final class SkillLevel {

    /** The highest level, 高级技师. */
    public static final int HIGHEST = 1;
    /** The lowest level, 初级工. */
    public static final int LOWEST = 5;

    private static final String[] NAMES = {null, "高级技师", "技师", "高级工", "中级工", "初级工"};

    private SkillLevel() {
    }

    /** {@code level} itself if it is 1..5, otherwise an {@code INVALID_LEVEL} error. */
    public static int validate(int level) {
        if (!isValid(level)) {
            throw new InvalidInputException(InvalidInputException.INVALID_LEVEL,
                    "skill level " + level + " does not exist; use 1 高级技师, 2 技师, 3 高级工, 4 中级工 or 5 初级工");
        }
        return level;
    }

    /** Whether {@code level} is 1..5. */
    public static boolean isValid(int level) {
        return level >= HIGHEST && level <= LOWEST;
    }

    /** The Chinese name of {@code level}, e.g. 3 → 高级工. */
    public static String nameOf(int level) {
        return NAMES[validate(level)];
    }
}
