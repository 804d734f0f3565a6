package cn.cdcq.registry.common.json;

import cn.cdcq.registry.common.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8785 vectors live in {@code src/test/resources/cn/cdcq/registry/common/json}: the sorting
 * example of section 3.2.3, the string and literal members of the section 3.2.2 example (its
 * numbers are outside this registry's integer-only limit and are checked to be refused), and the
 * "structures" sample from the RFC's reference test data.
 */
class CanonicalJsonTest {

    private static byte[] resource(String name) {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String canonical(String json) {
        return CanonicalJson.canonicalString(Json.tree(json));
    }

    private static void assertVector(String name) {
        JsonNode input = Json.tree(new String(resource(name + ".input.json"), StandardCharsets.UTF_8));
        byte[] expected = resource(name + ".output.json");

        assertThat(CanonicalJson.canonicalize(input)).isEqualTo(expected);
        assertThat(CanonicalJson.canonicalString(input)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Nested
    class KeyOrdering {

        @Test
        void matchesTheRfc8785SortingExample() {
            assertVector("rfc8785-sorting");
        }

        @Test
        void sortsEveryNestedObjectAndKeepsArrayOrder() {
            assertVector("structures");
        }

        @Test
        void comparesUtf16CodeUnitsNotCodePoints() {
            // U+1F600 is the larger code point, but its first UTF-16 unit D83D sorts before FB33.
            String json = "{\"\\ufb33\":1,\"\\ud83d\\ude00\":2}";

            assertThat(canonical(json)).isEqualTo("{\"\ud83d\ude00\":2,\"\ufb33\":1}");
        }

        @Test
        void sortsUppercaseBeforeLowercaseAndPrefixesFirst() {
            assertThat(canonical("{\"b\":1,\"a\":2,\"B\":3,\"ab\":4,\"\":5}"))
                    .isEqualTo("{\"\":5,\"B\":3,\"a\":2,\"ab\":4,\"b\":1}");
        }

        @Test
        void givesTheSameBytesWhateverTheInputOrderAndWhitespace() {
            String one = "{ \"level\" : 3,\n \"occupation\": \"4-04-05-01\", \"tags\": [\"a\", \"b\"] }";
            String two = "{\"tags\":[\"a\",\"b\"],\"occupation\":\"4-04-05-01\",\"level\":3}";

            assertThat(canonical(one)).isEqualTo(canonical(two))
                    .isEqualTo("{\"level\":3,\"occupation\":\"4-04-05-01\",\"tags\":[\"a\",\"b\"]}");
        }
    }

    @Nested
    class StringEscaping {

        @Test
        void matchesTheRfc8785StringExample() {
            assertVector("rfc8785-strings");
        }

        @Test
        void escapesControlCharactersLikeJsonStringify() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0x20; c++) {
                all.append(c);
            }

            String out = CanonicalJson.canonicalString(TextNode.valueOf(all.toString()));

            assertThat(out).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                    + "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                    + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                    + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
        }

        @Test
        void escapesOnlyQuoteAndBackslashAmongPrintables() {
            assertThat(CanonicalJson.canonicalString(TextNode.valueOf("a\"b\\c/d'e<f>&\u007f")))
                    .isEqualTo("\"a\\\"b\\\\c/d'e<f>&\u007f\"");
        }

        @Test
        void writesNonAsciiAsLiteralUtf8() {
            JsonNode node = TextNode.valueOf("成都·重庆 技师 😀");

            assertThat(CanonicalJson.canonicalString(node)).isEqualTo("\"成都·重庆 技师 😀\"");
            assertThat(CanonicalJson.canonicalize(node))
                    .isEqualTo("\"成都·重庆 技师 😀\"".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void doesNotNormalizeUnicode() {
            // "A" + COMBINING RING ABOVE stays as given; it is not turned into U+00C5.
            assertThat(canonical("{\"Unnormalized Unicode\":\"A\\u030a\"}"))
                    .isEqualTo("{\"Unnormalized Unicode\":\"A\u030a\"}");
        }

        @Test
        void escapesKeysTheSameWayAsValues() {
            assertThat(canonical("{\"a\\nb\":\"\\t\"}")).isEqualTo("{\"a\\nb\":\"\\t\"}");
        }

        @Test
        void rejectsALoneHighSurrogate() {
            assertThatThrownBy(() -> canonical("{\"name\":\"ab\\ud800\"}"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("lone UTF-16 surrogate \\ud800")
                    .hasMessageContaining("$.name")
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void rejectsALoneLowSurrogateInAKey() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("x\udc00y", 1);

            assertThatThrownBy(() -> CanonicalJson.canonicalString(node))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("\\udc00");
        }

        @Test
        void rejectsSurrogatesInTheWrongOrder() {
            assertThatThrownBy(() -> CanonicalJson.canonicalString(TextNode.valueOf("\ude00\ud83d")))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    class Numbers {

        @Test
        void writesIntegersPlainly() {
            assertThat(canonical("[0,-1,1,123456789,-42,9007199254740992,-9007199254740992]"))
                    .isEqualTo("[0,-1,1,123456789,-42,9007199254740992,-9007199254740992]");
        }

        @Test
        void writesIntegralDecimalsAsIntegersLikeJcs() {
            assertThat(canonical("[1.0,-0.0,1E2,56.000,2.5e1]")).isEqualTo("[1,0,100,56,25]");
            assertThat(CanonicalJson.canonicalString(DoubleNode.valueOf(-0.0))).isEqualTo("0");
        }

        @Test
        void rejectsFractionsExplainingThatMoneyIsInFen() {
            assertThatThrownBy(() -> canonical("{\"fine\":{\"amount\":12.5}}"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("12.5")
                    .hasMessageContaining("$.fine.amount")
                    .hasMessageContaining("fen")
                    .extracting("code").isEqualTo("INVALID_JSON");
        }

        @Test
        void rejectsTheRfc8785NumberExampleNamingTheFirstOffender() {
            String json = new String(resource("rfc8785-numbers.input.json"), StandardCharsets.UTF_8);

            assertThatThrownBy(() -> canonical(json))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("$.numbers[0]")
                    .hasMessageContaining("333333333.33333329");
        }

        @Test
        void rejectsIntegersBeyondTwoToThe53() {
            assertThatThrownBy(() -> canonical("[9007199254740993]"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("9007199254740993")
                    .hasMessageContaining("2^53")
                    .hasMessageContaining("$[0]");
            assertThatThrownBy(() -> canonical("[-9007199254740993]"))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> CanonicalJson.canonicalString(LongNode.valueOf(Long.MAX_VALUE)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> CanonicalJson.canonicalString(
                    BigIntegerNode.valueOf(BigInteger.TEN.pow(30))))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void rejectsLargeIntegralDecimalsThatADoubleWouldRound() {
            assertThatThrownBy(() -> canonical("[9007199254740993.0]"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("2^53");
            assertThatThrownBy(() -> canonical("[1E30]"))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void rejectsNonFiniteDoubles() {
            assertThatThrownBy(() -> CanonicalJson.canonicalString(DoubleNode.valueOf(Double.NaN)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("NaN");
            assertThatThrownBy(() -> CanonicalJson.canonicalString(DoubleNode.valueOf(Double.POSITIVE_INFINITY)))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void acceptsBigIntegerAndDecimalNodesWithinRange() {
            assertThat(CanonicalJson.canonicalString(BigIntegerNode.valueOf(BigInteger.valueOf(-7)))).isEqualTo("-7");
            assertThat(CanonicalJson.canonicalString(DecimalNode.valueOf(new BigDecimal("700E-2")))).isEqualTo("7");
        }
    }

    @Nested
    class Output {

        @Test
        void writesLiteralsAndEmptyContainersWithoutWhitespace() {
            assertThat(canonical(" { \"a\" : [ null , true , false , { } , [ ] ] } "))
                    .isEqualTo("{\"a\":[null,true,false,{},[]]}");
        }

        @Test
        void writesTopLevelScalars() {
            assertThat(CanonicalJson.canonicalString(NullNode.getInstance())).isEqualTo("null");
            assertThat(CanonicalJson.canonicalString(TextNode.valueOf("x"))).isEqualTo("\"x\"");
        }

        @Test
        void bytesAreTheUtf8OfTheString() {
            JsonNode node = Json.tree("{\"名称\":\"成都\",\"b\":[1,2]}");

            assertThat(CanonicalJson.canonicalize(node))
                    .isEqualTo(CanonicalJson.canonicalString(node).getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void refusesAMissingValue() {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing");
            assertThatThrownBy(() -> CanonicalJson.canonicalize(MissingNode.getInstance()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("MISSING");
        }
    }
}
