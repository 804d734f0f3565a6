package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidentIdNumberTest {

    private static String complete(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @Nested
    class ValidNumbers {

        @Test
        void acceptsTheWellKnownExample() {
            assertThat(ResidentIdNumber.validate("11010519491231002X")).isEqualTo("11010519491231002X");
            assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        }

        @Test
        void acceptsNumbersWithDigitCheckCharacters() {
            assertThat(ResidentIdNumber.isValid("500103199001010010")).isTrue();
            assertThat(ResidentIdNumber.isValid("510104200002291233")).isTrue();
            assertThat(ResidentIdNumber.checkCharacter("50010319900101001")).isEqualTo('0');
        }

        @Test
        void normalizesALowercaseXAndSurroundingSpace() {
            assertThat(ResidentIdNumber.validate(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        }

        @Test
        void acceptsALeapDay() {
            assertThat(ResidentIdNumber.birthDate("510104200002291233")).isEqualTo(LocalDate.of(2000, 2, 29));
        }

        @Test
        void yieldsTheBirthDate() {
            assertThat(ResidentIdNumber.birthDate("11010519491231002x")).isEqualTo(LocalDate.of(1949, 12, 31));
        }
    }

    @Nested
    class WrongCheckCharacter {

        @Test
        void saysWhichCharacterWasExpectedAndWhichFoundWithTheNumberMasked() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("110105194912310021"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("resident ID number 110105********0021: check character should be X, found 1; "
                            + "re-read the number from the ID card")
                    .extracting("code").isEqualTo("INVALID_ID_NUMBER");
        }

        @Test
        void catchesEverySingleDigitTypo() {
            String valid = "11010519491231002X";
            for (int position = 0; position < 17; position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit == valid.charAt(position)) {
                        continue;
                    }
                    String typo = valid.substring(0, position) + digit + valid.substring(position + 1);

                    assertThat(ResidentIdNumber.isValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Nested
    class BirthDates {

        @Test
        void mustBeARealCalendarDate() {
            String february30 = complete("11010519490230002");

            assertThatThrownBy(() -> ResidentIdNumber.validate(february30))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the birth date in digits 7-14 is not a real calendar date")
                    // The mask hides digits 7-14: showing them beside it would give the number back.
                    .hasMessageNotContaining("19490230").hasMessageContaining("110105********");
        }

        @Test
        void februaryTwentyNinthOnlyInLeapYears() {
            assertThat(ResidentIdNumber.isValid(complete("51010419000229123"))).isFalse();
            assertThat(ResidentIdNumber.isValid(complete("51010420040229123"))).isTrue();
        }

        @Test
        void mustNotBeInTheFuture() {
            assertThatThrownBy(() -> ResidentIdNumber.validate(complete("51010420990101123")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("in the future");
        }

        @Test
        void mustNotBeBefore1900EvenWithACorrectCheckCharacter() {
            // GB 11643-1999's own example number, born in 1880.
            assertThatThrownBy(() -> ResidentIdNumber.validate("440524188001010014"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("before 1900");
        }

        @Test
        void monthThirteenIsRejected() {
            assertThat(ResidentIdNumber.isValid(complete("11010519491301002"))).isFalse();
        }
    }

    @Nested
    class MalformedNumbers {

        @Test
        void wrongLengthIsReported() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("1101051949123100"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be 18 characters, found 16");
        }

        @Test
        void fifteenDigitNumbersGetAHint() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("110105491231002"))
                    .hasMessageContaining("15-digit first-generation");
        }

        @Test
        void aNonDigitIsReportedWithItsPosition() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("1101A519491231002X"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("character 'A' at position 5 must be a digit");
        }

        @Test
        void anXAnywhereButLastIsReported() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("X1010519491231002X"))
                    .hasMessageContaining("position 1");
        }

        @Test
        void aBadCheckCharacterIsReported() {
            assertThatThrownBy(() -> ResidentIdNumber.validate("11010519491231002Y"))
                    .hasMessageContaining("'Y' at position 18");
        }

        @Test
        void fullWidthDigitsAreRejected() {
            assertThat(ResidentIdNumber.isValid("１１0105194912310０2X")).isFalse();
        }

        @Test
        void missingNumberIsReported() {
            assertThatThrownBy(() -> ResidentIdNumber.validate(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing");
            assertThat(ResidentIdNumber.isValid("")).isFalse();
        }

        @Test
        void checkCharacterNeedsSeventeenDigits() {
            assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("1101051949123100"))
                    .hasMessageContaining("must be 17 digits");
            assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("1101051949123100X"))
                    .hasMessageContaining("position 17 must be a digit");
        }
    }
}
