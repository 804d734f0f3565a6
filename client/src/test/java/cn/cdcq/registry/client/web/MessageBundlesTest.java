package cn.cdcq.registry.client.web;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' message bundles: one key set per language, and no text MessageFormat would mangle. */
class MessageBundlesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+}");

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .isEqualTo(load("messages_zh.properties").stringPropertyNames());
    }

    /**
     * A message with an argument goes through MessageFormat, where a single apostrophe starts a
     * quoted run: "the region's {0}" would print "the regions {0}" verbatim. Such messages must
     * double it; messages without an argument are printed as written.
     */
    @Test
    void messagesWithAnArgumentKeepTheirApostrophes() throws Exception {
        List<String> mangled = new ArrayList<>();
        for (String file : List.of("messages_en.properties", "messages_zh.properties")) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                String raw = p.getProperty(key);
                if (!ARGUMENT.matcher(raw).find()) {
                    continue;
                }
                String formatted = new MessageFormat(raw).format(new Object[] {1, 2, 3, 4, 5, 6});
                boolean lone = raw.replace("''", "").indexOf('\'') >= 0;
                if (lone || formatted.contains("{")) {
                    mangled.add(file + ": " + key + " -> " + formatted);
                }
            }
        }
        assertThat(mangled).isEmpty();
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
