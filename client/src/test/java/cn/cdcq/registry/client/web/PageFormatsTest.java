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

    @Test
    void levelsAreNamedAsTheirKindNamesThem() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(formats.level(null, 3)).isEqualTo("三级/高级工");
        assertThat(formats.level("PROFESSIONAL_TITLE", 3)).isEqualTo("中级职称");
        assertThat(formats.level("SPECIAL_ABILITY", 0)).isEqualTo("合格（无等级）");
        assertThat(formats.levelOf("T5101326000001", 3)).isEqualTo("中级职称");
        assertThat(formats.levelOf("S000150000001264000001", 4)).isEqualTo("四级/中级工");
        assertThat(formats.kindName("Z000151260000001")).isEqualTo("专项职业能力证书");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.level("", 1)).isEqualTo("Level 1, senior technician");
        assertThat(formats.level("PROFESSIONAL_TITLE", 1)).isEqualTo("Grade 1, senior (full)");
        assertThat(formats.levelOf("Z000151260000001", 0)).isEqualTo("passed (no level)");
        assertThat(formats.kindName("T5101326000001")).isEqualTo("professional title certificate");
        // what is not a level of its kind, or no kind, is shown as it is rather than hidden
        assertThat(formats.level("SPECIAL_ABILITY", 3)).isEqualTo("3");
        assertThat(formats.level("DIPLOMA", 3)).isEqualTo("3");
        assertThat(formats.kindName("nonsense")).isEmpty();
        assertThat(formats.level(null, null)).isEmpty();
    }
}
