package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OccupationCodeTest {

    @Nested
    class ValidCodes {

        @ParameterizedTest
        @ValueSource(strings = {"4-04-05-01", "6-28-01-14", "6-28-01-14-02", "2-02-10-04"})
        void areAccepted(String code) {
            assertThat(OccupationCode.validate(code)).isEqualTo(code);
            assertThat(OccupationCode.isValid(code)).isTrue();
        }

        @Test
        void areTrimmed() {
            assertThat(OccupationCode.validate(" 4-04-05-01\n")).isEqualTo("4-04-05-01");
        }
    }

    @Nested
    class MalformedCodes {

        @ParameterizedTest
        @ValueSource(strings = {"4-4-05-01", "40405 01", "4-04-05", "4-04-05-01-", "4-04-05-01-2", "4-04-05-01-02-03",
                "44-04-05-01", "4_04_05_01", "a-04-05-01", "4-04-05-0١"})
        void areRejectedWithTheExpectedForm(String code) {
            assertThatThrownBy(() -> OccupationCode.validate(code))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("expected the form d-dd-dd-dd, e.g. 4-04-05-01")
                    .extracting("code").isEqualTo("INVALID_OCCUPATION");
        }

        @Test
        void missingCodeIsReported() {
            assertThatThrownBy(() -> OccupationCode.validate(null)).hasMessageContaining("missing");
            assertThat(OccupationCode.isValid("")).isFalse();
        }
    }
}
