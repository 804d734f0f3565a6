package cn.cdcq.registry.client.web;

import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.IsoDate;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates, times and amounts in the reader's format, used by the templates as {@code @pageFormats}.
 * The ledger keeps dates as yyyy-MM-dd, instants as ISO-8601 and amounts as whole fen; times are
 * shown in China time, where both regions are.
 */
@Component("pageFormats")
public class PageFormats {

    /** A yyyy-MM-dd date as the reader writes dates ("2026年6月30日", "30 June 2026"); blank stays blank. */
    public String date(String isoDate) {
        if (isoDate == null || isoDate.isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(isoDate).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale()));
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    /** An ISO-8601 instant in China time, date and time in the reader's format; a bare date as {@link #date}. */
    public String instant(String isoInstant) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return "";
        }
        if (isoInstant.length() == 10) {
            return date(isoInstant);
        }
        try {
            return Instant.parse(isoInstant).atZone(IsoDate.CHINA)
                    .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale()));
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    /** Whole fen as yuan in the reader's format ("¥12,500.00", "CN¥12,500.00"). */
    public String yuan(Long fen) {
        if (fen == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale().getLanguage().equals("zh") ? Locale.CHINA : locale());
        format.setCurrency(Currency.getInstance("CNY"));
        return format.format(BigDecimal.valueOf(fen).movePointLeft(2));
    }

    /**
     * A level in the reader's language, named as its credential kind names it: "三级/高级工" or
     * "Level 3, senior worker" for a skill level, "中级职称" or "Grade 3, intermediate" for a
     * professional title, "合格（无等级）" or "passed (no level)" for a special vocational ability.
     *
     * @param kind a {@link CredentialKind} name, or null or blank for a skill level
     */
    public String level(String kind, Integer level) {
        if (level == null) {
            return "";
        }
        CredentialKind k;
        try {
            k = CredentialKind.of(kind);
        } catch (RuntimeException unknown) {
            return String.valueOf(level);
        }
        if (!k.isValidLevel(level)) {
            return String.valueOf(level);
        }
        boolean zh = locale().getLanguage().equals("zh");
        return switch (k) {
            case SKILL_LEVEL -> zh ? k.chineseLevelNumber(level) + "/" + k.levelName(level)
                    : "Level " + level + ", " + k.englishLevelName(level);
            case PROFESSIONAL_TITLE -> zh ? k.levelName(level) + "职称" : "Grade " + level + ", " + k.englishLevelName(level);
            case SPECIAL_ABILITY -> zh ? k.levelName(level) + "（无等级）" : k.englishLevelName(level) + " (no level)";
        };
    }

    /** {@link #level(String, Integer)} for the kind a certificate number names (a skill level if it names none). */
    public String levelOf(String number, Integer level) {
        return level(kindOf(number), level);
    }

    /** The credential kind of a certificate number in the reader's language, e.g. 职称证书; blank if it is not a number. */
    public String kindName(String number) {
        String kind = kindOf(number);
        if (kind == null) {
            return "";
        }
        CredentialKind k = CredentialKind.valueOf(kind);
        return locale().getLanguage().equals("zh") ? k.chineseName() : k.englishName();
    }

    /** The kind name of a number, or null if it is no valid number. */
    private static String kindOf(String number) {
        return number != null && CertificateNumber.isValid(number) ? CertificateNumber.kindOf(number).name() : null;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
