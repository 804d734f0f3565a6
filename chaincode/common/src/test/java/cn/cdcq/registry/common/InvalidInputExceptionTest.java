package cn.cdcq.registry.common;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidInputExceptionTest {

    @Nested
    class CodeAndMessage {

        @Test
        void carriesBoth() {
            InvalidInputException e = new InvalidInputException("INVALID_USCC", "USCC x: must be 18 characters");

            assertThat(e.getCode()).isEqualTo("INVALID_USCC");
            assertThat(e.getMessage()).isEqualTo("USCC x: must be 18 characters");
        }

        @Test
        void isAnIllegalArgumentException() {
            assertThat(new InvalidInputException("INVALID_JSON", "m")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void requiresACode() {
            assertThatThrownBy(() -> new InvalidInputException(" ", "m")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new InvalidInputException(null, "m")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
