package cn.cdcq.registry.common.credential;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcsTest {

    @Nested
    class Numbers {

        /** RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialization. */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "0000000000000000, 0",
                "8000000000000000, 0",
                "0000000000000001, 5e-324",
                "8000000000000001, -5e-324",
                "7fefffffffffffff, 1.7976931348623157e+308",
                "ffefffffffffffff, -1.7976931348623157e+308",
                "4340000000000000, 9007199254740992",
                "c340000000000000, -9007199254740992",
                "4430000000000000, 295147905179352830000",
                "44b52d02c7e14af5, 9.999999999999997e+22",
                "44b52d02c7e14af6, 1e+23",
                "44b52d02c7e14af7, 1.0000000000000001e+23",
                "444b1ae4d6e2ef4e, 999999999999999700000",
                "444b1ae4d6e2ef4f, 999999999999999900000",
                "444b1ae4d6e2ef50, 1e+21",
                "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
                "3eb0c6f7a0b5ed8d, 0.000001",
                "41b3de4355555553, 333333333.3333332",
                "41b3de4355555554, 333333333.33333325",
                "41b3de4355555555, 333333333.3333333",
                "41b3de4355555556, 333333333.3333334",
                "41b3de4355555557, 333333333.33333343",
                "becbf647612f3696, -0.0000033333333333333333",
                "43143ff3c1cb0959, 1424953923781206.2",
        })
        void serializeAsEcmaScriptDoes(String bits, String expected) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
            assertThat(Jcs.number(value)).isEqualTo(expected);
        }

        @Test
        void nanAndInfinityHaveNoJsonForm() {
            assertThatThrownBy(() -> Jcs.number(Double.longBitsToDouble(0x7fffffffffffffffL)))
                    .isInstanceOf(Jcs.JcsException.class).hasMessageContaining("NaN");
            assertThatThrownBy(() -> Jcs.number(Double.POSITIVE_INFINITY)).isInstanceOf(Jcs.JcsException.class);
            assertThatThrownBy(() -> Jcs.canonicalString(Jcs.parse("[1e400]"))).isInstanceOf(Jcs.JcsException.class)
                    .hasMessageContaining("Infinity");
        }

        @Test
        void aPowerOfTwoPicksTheShortestThatReadsBack() {
            // 2^-1074 .. 2^1023 boundaries where the gap below is half the gap above.
            assertThat(Jcs.number(Math.pow(2, 60))).isEqualTo("1152921504606847000");
            assertThat(Jcs.number(Math.pow(2, -20))).isEqualTo("9.5367431640625e-7");
            assertThat(Jcs.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
            assertThat(Jcs.number(1e21)).isEqualTo("1e+21");
            assertThat(Jcs.number(123e-20)).isEqualTo("1.23e-18");
            assertThat(Jcs.number(0.000001)).isEqualTo("0.000001");
            assertThat(Jcs.number(1e-7)).isEqualTo("1e-7");
        }
    }

    @Nested
    class Documents {

        @Test
        void theRfcsNumbersExampleIsCanonicalizedExactly() throws IOException {
            String input = resource("/cn/cdcq/registry/common/json/rfc8785-numbers.input.json");
            assertThat(Jcs.canonicalString(Jcs.parse(input))).isEqualTo("{\"literals\":[null,true,false],\"numbers\":"
                    + "[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        }

        @Test
        void theRfcsSortingAndStructureExamplesAreCanonicalizedExactly() throws IOException {
            for (String name : new String[] {"rfc8785-sorting", "rfc8785-strings", "structures"}) {
                String input = resource("/cn/cdcq/registry/common/json/" + name + ".input.json");
                String output = resource("/cn/cdcq/registry/common/json/" + name + ".output.json").strip();
                assertThat(Jcs.canonicalString(Jcs.parse(input))).as(name).isEqualTo(output);
            }
        }

        @Test
        void duplicateNamesTrailingTextAndLoneSurrogatesAreRefused() {
            assertThatThrownBy(() -> Jcs.parse("{\"a\":1,\"a\":2}")).isInstanceOf(Jcs.JcsException.class)
                    .hasMessageContaining("Duplicate");
            assertThatThrownBy(() -> Jcs.parse("{} {}")).isInstanceOf(Jcs.JcsException.class);
            assertThatThrownBy(() -> Jcs.parse("{\"a\":")).isInstanceOf(Jcs.JcsException.class).hasMessageContaining("line 1");
            assertThatThrownBy(() -> Jcs.canonicalString(Jcs.parse("[\"\\ud800\"]"))).isInstanceOf(Jcs.JcsException.class)
                    .hasMessageContaining("surrogate");
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = JcsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
