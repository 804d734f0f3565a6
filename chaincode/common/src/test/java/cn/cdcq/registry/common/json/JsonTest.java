package cn.cdcq.registry.common.json;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.SkillLevel;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    /** Shaped like the ledger records: dates as strings, money as long fen. */
    record Fine(String enterprise, long amountFen, int workersAffected, String decidedOn, String note,
                List<String> documents) {
    }

    record Rated(String enterprise, int level) {
        Rated {
            SkillLevel.validate(level);
        }
    }

    record Flag(boolean platform) {
    }

    record WithFraction(double ratio) {
    }

    private static final Fine FINE = new Fine("91350100M000100Y43", 1_234_567L, 12, "2024-03-15", null,
            List.of("b", "a"));

    @Nested
    class Writing {

        @Test
        void writesRecordsCanonicallyWithSortedFieldsAndNoNulls() {
            assertThat(Json.write(FINE)).isEqualTo("{\"amountFen\":1234567,\"decidedOn\":\"2024-03-15\","
                    + "\"documents\":[\"b\",\"a\"],\"enterprise\":\"91350100M000100Y43\",\"workersAffected\":12}");
        }

        @Test
        void canonicalBytesAreTheUtf8OfWrite() {
            Fine chinese = new Fine("91350100M000100Y43", 1, 1, "2024-01-01", "拖欠工资", List.of());

            assertThat(Json.canonicalBytes(chinese)).isEqualTo(Json.write(chinese).getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void writesMapsSortedAndWithoutNullValues() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("z", 1);
            map.put("a", null);
            map.put("m", List.of(true));

            assertThat(Json.write(map)).isEqualTo("{\"m\":[true],\"z\":1}");
        }

        @Test
        void refusesNonIntegralNumbers() {
            assertThatThrownBy(() -> Json.write(new WithFraction(0.5)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("$.ratio")
                    .hasMessageContaining("fen");
        }

        @Test
        void writesNullAsJsonNull() {
            assertThat(Json.write(null)).isEqualTo("null");
        }
    }

    @Nested
    class Reading {

        @Test
        void roundTripsARecord() {
            assertThat(Json.read(Json.write(FINE), Fine.class)).isEqualTo(FINE);
            assertThat(Json.read(Json.canonicalBytes(FINE), Fine.class)).isEqualTo(FINE);
        }

        @Test
        void leavesAbsentObjectFieldsNull() {
            Fine read = Json.read("{\"enterprise\":\"x\",\"amountFen\":5,\"workersAffected\":1}", Fine.class);

            assertThat(read.note()).isNull();
            assertThat(read.amountFen()).isEqualTo(5);
        }

        @Test
        void refusesUnknownFieldsNamingThemAndTheKnownOnes() {
            String json = "{\"enterprise\":\"x\",\"amountFen\":1,\"workersAffected\":1,\"amountYuan\":5}";

            assertThatThrownBy(() -> Json.read(json, Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("unknown field \"amountYuan\"")
                    .hasMessageContaining("Fine")
                    .hasMessageContaining("amountFen")
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void refusesMalformedJsonSayingWhere() {
            assertThatThrownBy(() -> Json.read("{\"enterprise\":\"x\",\n \"amountFen\" 5}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("malformed JSON")
                    .hasMessageContaining("line 2")
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void refusesDuplicateKeys() {
            assertThatThrownBy(() -> Json.read("{\"amountFen\":1,\"amountFen\":100000}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("amountFen");
        }

        @Test
        void refusesTrailingContent() {
            assertThatThrownBy(() -> Json.read("{\"platform\":true} {\"platform\":false}", Flag.class))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void refusesAFractionWhereMoneyInFenIsExpected() {
            assertThatThrownBy(() -> Json.read("{\"amountFen\":12.5}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("$.amountFen");
        }

        @Test
        void refusesAStringWhereANumberOrBooleanIsExpected() {
            assertThatThrownBy(() -> Json.read("{\"amountFen\":\"125\"}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("$.amountFen");
            assertThatThrownBy(() -> Json.read("{\"platform\":\"true\"}", Flag.class))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void refusesAMissingPrimitiveInsteadOfDefaultingToZero() {
            assertThatThrownBy(() -> Json.read("{\"enterprise\":\"x\",\"workersAffected\":1}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("JSON does not fit Fine at $.amountFen: the long field is missing or null; give it a value");
        }

        @Test
        void refusesANumberWhereTextIsExpected() {
            assertThatThrownBy(() -> Json.read("{\"enterprise\":91350100,\"amountFen\":1,\"workersAffected\":1}",
                    Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("$.enterprise");
        }

        @Test
        void leavesOutJacksonsAdviceToDevelopers() {
            assertThatThrownBy(() -> Json.read("{\"amountFen\":\"125\"}", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .message()
                    .doesNotContain("CoercionConfig")
                    .doesNotContain("DeserializationConfig");
        }

        @Test
        void refusesNullForAPrimitive() {
            assertThatThrownBy(() -> Json.read("{\"platform\":null}", Flag.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("platform");
        }

        @Test
        void refusesEmptyAndNullDocuments() {
            assertThatThrownBy(() -> Json.read("", Fine.class)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Json.read("null", Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("null");
            assertThatThrownBy(() -> Json.read((String) null, Fine.class)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Json.read((byte[]) null, Fine.class)).isInstanceOf(InvalidInputException.class);
        }

        @Test
        void refusesInvalidUtf8Bytes() {
            byte[] bad = {'{', '"', 'e', 'n', 't', 'e', 'r', 'p', 'r', 'i', 's', 'e', '"', ':', '"', (byte) 0xC3,
                    (byte) 0x28, '"', '}'};

            assertThatThrownBy(() -> Json.read(bad, Fine.class))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void keepsTheCodeOfAValidationErrorFromARecordConstructor() {
            assertThatThrownBy(() -> Json.read("{\"enterprise\":\"x\",\"level\":7}", Rated.class))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("skill level 7")
                    .extracting("code").isEqualTo("INVALID_LEVEL");
        }
    }

    @Nested
    class Trees {

        @Test
        void parsesAnyJsonValue() {
            assertThat(Json.tree("{\"a\":[1,\"x\"]}").get("a").get(1).textValue()).isEqualTo("x");
            assertThat(Json.tree("42").intValue()).isEqualTo(42);
        }

        @Test
        void refusesDuplicateKeys() {
            assertThatThrownBy(() -> Json.tree("{\"a\":1,\"a\":2}"))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void refusesEmptyInputAndTrailingContent() {
            assertThatThrownBy(() -> Json.tree("")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Json.tree("   ")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Json.tree("{} []")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> Json.tree(null)).isInstanceOf(InvalidInputException.class);
        }

        @Test
        void keepsDecimalsExactSoThatCanonicalizationCanRefuseThem() {
            JsonNode node = Json.tree("{\"amount\":0.1}");

            assertThat(node.get("amount").decimalValue()).isEqualByComparingTo("0.1");
        }

        @Test
        void aTreeAndTheRecordItCameFromCanonicalizeAlike() {
            JsonNode tree = Json.tree(Json.write(FINE));

            assertThat(CanonicalJson.canonicalString(tree)).isEqualTo(Json.write(FINE));
        }
    }

    @Nested
    class SharedMapper {

        @Test
        void isOneInstanceConfiguredStrictly() {
            assertThat(Json.mapper()).isSameAs(Json.mapper());
            assertThat(Json.mapper().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
        }
    }
}
