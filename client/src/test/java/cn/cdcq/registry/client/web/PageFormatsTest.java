package cn.cdcq.registry.client.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates, times and yuan from fen in the reader's format. */
class PageFormatsTest {

    final PageFormats formats = new PageFormats();

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void inChinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(formats.date("2026-06-30")).isEqualTo("2026年6月30日");
        assertThat(formats.yuan(1_250_000L)).isEqualTo("¥12,500.00");
        assertThat(formats.instant("2026-06-30T16:30:00Z")).startsWith("2026年7月1日");
        assertThat(formats.instant("2026-06-30")).isEqualTo("2026年6月30日");
    }

    @Test
    void inEnglish() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.date("2026-06-30")).isEqualTo("June 30, 2026");
        assertThat(formats.yuan(5L)).isEqualTo("CN¥0.05");
        assertThat(formats.date(null)).isEmpty();
    }
}
