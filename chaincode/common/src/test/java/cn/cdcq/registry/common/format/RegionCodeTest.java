package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionCodeTest {

    @Nested
    class ValidCodes {

        @Test
        void acceptChengduAndChongqing() {
            assertThat(RegionCode.validate("CD")).isEqualTo("CD");
            assertThat(RegionCode.validate("CQ")).isEqualTo("CQ");
        }

        @Test
        void areTrimmedAndUppercased() {
            assertThat(RegionCode.validate(" cq ")).isEqualTo("CQ");
            assertThat(RegionCode.isValid("cd")).isTrue();
        }
    }

    @Nested
    class MalformedCodes {

        @ParameterizedTest
        @ValueSource(strings = {"C", "CDQ", "C1", "C-", "成都", "ÇD"})
        void areRejectedWithAnExample(String code) {
            assertThatThrownBy(() -> RegionCode.validate(code))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be two letters A-Z, such as CD (Chengdu) or CQ (Chongqing)")
                    .extracting("code").isEqualTo("INVALID_REGION");
        }

        @Test
        void missingCodeIsReported() {
            assertThatThrownBy(() -> RegionCode.validate(null)).hasMessageContaining("missing");
            assertThat(RegionCode.isValid("  ")).isFalse();
        }
    }
}
