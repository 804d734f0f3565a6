package cn.cdcq.registry.client.web;

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

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
