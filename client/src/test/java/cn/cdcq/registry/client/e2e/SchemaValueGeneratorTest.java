package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.api.ApiFormats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** SchemaValidRequestsIT's pattern generator makes strings that match the patterns the document carries. */
class SchemaValueGeneratorTest {

    @Test
    void everyGeneratedStringMatchesItsPattern() {
        Random random = new Random(1);
        for (String pattern : List.of(ApiFormats.USCC, ApiFormats.CERTIFICATE_NUMBER, ApiFormats.REGION, ApiFormats.DATE,
                ApiFormats.SHA256_HEX, ApiFormats.LEDGER_ID, ApiFormats.OCCUPATION, ApiFormats.RESIDENT_ID,
                ApiFormats.HOLDER_SALT, ApiFormats.INSPECTOR_ID, ApiFormats.PERIOD, ApiFormats.CHECKPOINT_NUMBER,
                ApiFormats.TEXT, "[a-z0-9-]{3,64}", "^(ab|c)+x?$")) {
            for (int i = 0; i < 200; i++) {
                String s = SchemaValidRequestsIT.Regex.generate(pattern, random);
                assertThat(s).as(pattern).matches(pattern);
            }
        }
    }
}
