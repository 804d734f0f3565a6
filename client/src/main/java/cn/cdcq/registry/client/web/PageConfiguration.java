package cn.cdcq.registry.client.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The pages' language: Chinese unless the reader chose English with the switch on every page
 * ({@code ?lang=en} / {@code ?lang=zh}), remembered in a cookie. Texts come from
 * messages_zh.properties and messages_en.properties.
 */
@Configuration
public class PageConfiguration implements WebMvcConfigurer {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> LANGUAGES = List.of(CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("cdcq-lang");
        resolver.setDefaultLocale(CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected java.util.Locale parseLocaleValue(String value) {
                Locale asked = super.parseLocaleValue(value);
                // Only the languages that have a bundle; anything else keeps the current one.
                return LANGUAGES.stream().filter(l -> asked != null && l.getLanguage().equals(asked.getLanguage()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no bundle for " + value));
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns(PageSecurityConfiguration.PAGE_PATHS);
    }
}
