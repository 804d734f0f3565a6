package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsccTest {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Nested
    class ValidCodes {

        @ParameterizedTest
        @ValueSource(strings = {
                "91350100M000100Y43",  // widely published example, check verified by computation
                "91110000100001367X",  // check character X
                "915101000600000210",  // check character 0: (31 - 0) mod 31
                "91500000MA5U7Q1K33",
                "12510000MB1234567B"})
        void areAccepted(String code) {
            assertThat(Uscc.validate(code)).isEqualTo(code);
            assertThat(Uscc.isValid(code)).isTrue();
        }

        @Test
        void areTrimmedAndUppercased() {
            assertThat(Uscc.validate("  91350100m000100y43\t")).isEqualTo("91350100M000100Y43");
        }

        @Test
        void canBeCompletedWithTheComputedCheckCharacter() {
            assertThat(Uscc.checkCharacter("91350100M000100Y4")).isEqualTo('3');
            assertThat(Uscc.checkCharacter("91110000100001367")).isEqualTo('X');
            assertThat(Uscc.checkCharacter("91500000ma5u7q1k3")).isEqualTo('3');
        }

        @Test
        void everyRandomPrefixCompletesToAValidCode() {
            Random random = new Random(7);
            Set<Character> checks = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                StringBuilder prefix = new StringBuilder();
                for (int j = 0; j < 17; j++) {
                    prefix.append(CHARSET.charAt(random.nextInt(CHARSET.length())));
                }
                char check = Uscc.checkCharacter(prefix.toString());
                checks.add(check);

                assertThat(Uscc.isValid(prefix.toString() + check)).isTrue();
            }
            assertThat(checks).hasSize(31);
        }
    }

    @Nested
    class WrongCheckCharacter {

        @Test
        void saysWhichCharacterWasExpectedAndWhichFound() {
            assertThatThrownBy(() -> Uscc.validate("91500000MA5U7Q1K3J"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("USCC 91500000MA5U7Q1K3J: check character should be 3, found J")
                    .extracting("code").isEqualTo("INVALID_USCC");
        }

        @Test
        void catchesEverySingleCharacterTypo() {
            String valid = "91350100M000100Y43";
            for (int position = 0; position < 17; position++) {
                for (char replacement : CHARSET.toCharArray()) {
                    if (replacement == valid.charAt(position)) {
                        continue;
                    }
                    String typo = valid.substring(0, position) + replacement + valid.substring(position + 1);

                    assertThat(Uscc.isValid(typo)).as(typo).isFalse();
                }
            }
        }

        @Test
        void catchesAdjacentTranspositions() {
            assertThat(Uscc.isValid("93150100M000100Y43")).isFalse();
            assertThat(Uscc.isValid("91351000M000100Y43")).isFalse();
        }
    }

    @Nested
    class MalformedCodes {

        @Test
        void wrongLengthIsReported() {
            assertThatThrownBy(() -> Uscc.validate("91350100M000100Y4"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be 18 characters, found 17");
        }

        @ParameterizedTest
        @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z', '-', '中'})
        void charactersOutsideTheAlphabetAreReportedWithTheirPosition(char bad) {
            String code = "91350100" + bad + "000100Y43";

            assertThatThrownBy(() -> Uscc.validate(code))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("character '" + bad + "' at position 9 is not allowed");
        }

        @Test
        void missingCodeIsReported() {
            assertThatThrownBy(() -> Uscc.validate(null)).hasMessageContaining("missing");
            assertThatThrownBy(() -> Uscc.validate("   ")).hasMessageContaining("missing");
            assertThat(Uscc.isValid(null)).isFalse();
        }

        @Test
        void checkCharacterNeedsSeventeenValidCharacters() {
            assertThatThrownBy(() -> Uscc.checkCharacter("9135"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be 17 characters");
            assertThatThrownBy(() -> Uscc.checkCharacter("91350100M000100YO"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'O' at position 17");
        }
    }
}
