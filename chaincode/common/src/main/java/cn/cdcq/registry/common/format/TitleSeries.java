package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.TreeMap;

/**
 * The professional title series (职称系列) a professional title certificate names, by the
 * registry's own 2-digit code. The series are the national ones; the codes are this registry's,
 * because no national code list for them exists to follow. A code is only ever added, never
 * renumbered: it is part of every title certificate's number.
 */
public final class TitleSeries {

    private static final TreeMap<String, String[]> SERIES = new TreeMap<>();

    static {
        add("01", "工程技术", "engineering");
        add("02", "卫生技术", "health");
        add("03", "高等学校教师", "higher education teachers");
        add("04", "中小学教师", "primary and secondary school teachers");
        add("05", "技工院校教师", "technical school teachers");
        add("06", "农业技术", "agriculture");
        add("07", "经济专业人员", "economics");
        add("08", "会计人员", "accounting");
        add("09", "统计专业人员", "statistics");
        add("10", "审计专业人员", "auditing");
        add("11", "新闻专业人员", "journalism");
        add("12", "出版专业人员", "publishing");
        add("13", "翻译专业人员", "translation");
        add("14", "艺术专业人员", "arts");
        add("15", "工艺美术专业人员", "arts and crafts");
        add("16", "实验技术人才", "laboratory technology");
        add("17", "自然科学研究人员", "natural science research");
        add("18", "图书资料专业人员", "library and information");
        add("19", "档案专业人员", "archives");
        add("20", "体育专业人员", "sports");
    }

    private TitleSeries() {
    }

    private static void add(String code, String chinese, String english) {
        SERIES.put(code, new String[]{chinese, english});
    }

    /** {@code code} if it names a series, otherwise an {@code INVALID_CERTIFICATE_NUMBER} error listing them. */
    public static String validate(String code) {
        if (code == null || !SERIES.containsKey(code)) {
            throw new InvalidInputException(InvalidInputException.INVALID_CERTIFICATE_NUMBER, "title series " + code
                    + " does not exist; " + codesText());
        }
        return code;
    }

    /** Whether {@code code} names a series. */
    public static boolean isValid(String code) {
        return code != null && SERIES.containsKey(code);
    }

    /** The Chinese name of a series, e.g. 01 → 工程技术. */
    public static String chineseName(String code) {
        return SERIES.get(validate(code))[0];
    }

    /** The English name of a series, e.g. 01 → engineering. */
    public static String englishName(String code) {
        return SERIES.get(validate(code))[1];
    }

    /** Which codes exist, for error messages. */
    public static String codesText() {
        return "the series are " + SERIES.firstKey() + " to " + SERIES.lastKey()
                + " (see docs/credential-kinds.md), e.g. 01 工程技术";
    }
}
