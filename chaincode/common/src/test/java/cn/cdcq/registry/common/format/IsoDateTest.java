package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoDateTest {

    @Nested
    class ValidDates {

        @Test
        void parseToTheCalendarDate() {
            assertThat(IsoDate.parse("issueDate", "2024-03-15")).isEqualTo(LocalDate.of(2024, 3, 15));
            assertThat(IsoDate.parse("issueDate", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(IsoDate.isValid("1999-12-31")).isTrue();
        }

        @Test
        void mayCarrySurroundingSpace() {
            assertThat(IsoDate.parse("expiryDate", " 2030-01-01 ")).isEqualTo(LocalDate.of(2030, 1, 1));
        }
    }

    @Nested
    class InvalidDates {

        @ParameterizedTest
        @ValueSource(strings = {"2024-3-15", "2024/03/15", "20240315", "15-03-2024", "2024-03-15T00:00:00Z",
                "+2024-03-15", "２０２４-03-15"})
        void wrongFormsAreRejectedNamingTheField(String value) {
            assertThatThrownBy(() -> IsoDate.parse("issueDate", value))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("issueDate '")
                    .hasMessageContaining("is not in the form yyyy-MM-dd")
                    .extracting("code").isEqualTo("INVALID_DATE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31"})
        void impossibleDatesAreRejectedNamingTheField(String value) {
            assertThatThrownBy(() -> IsoDate.parse("effectiveFrom", value))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("effectiveFrom '" + value + "' is not a real calendar date; check the month and day");
        }

        @Test
        void missingDatesAreRejectedNamingTheField() {
            assertThatThrownBy(() -> IsoDate.parse("expiryDate", null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("expiryDate is missing");
            assertThat(IsoDate.isValid("")).isFalse();
        }
    }
}
