package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkillLevelTest {

    @Nested
    class Names {

        @Test
        void followTheNationalScaleFromHighestToLowest() {
            assertThat(SkillLevel.nameOf(1)).isEqualTo("高级技师");
            assertThat(SkillLevel.nameOf(2)).isEqualTo("技师");
            assertThat(SkillLevel.nameOf(3)).isEqualTo("高级工");
            assertThat(SkillLevel.nameOf(4)).isEqualTo("中级工");
            assertThat(SkillLevel.nameOf(5)).isEqualTo("初级工");
            assertThat(SkillLevel.HIGHEST).isEqualTo(1);
            assertThat(SkillLevel.LOWEST).isEqualTo(5);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5})
        void acceptsOneToFive(int level) {
            assertThat(SkillLevel.validate(level)).isEqualTo(level);
            assertThat(SkillLevel.isValid(level)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 6, -1, 10, Integer.MIN_VALUE})
        void rejectsAnythingElseListingTheLevels(int level) {
            assertThatThrownBy(() -> SkillLevel.validate(level))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("skill level " + level + " does not exist")
                    .hasMessageContaining("5 初级工")
                    .extracting("code").isEqualTo("INVALID_LEVEL");
            assertThatThrownBy(() -> SkillLevel.nameOf(level)).isInstanceOf(InvalidInputException.class);
        }
    }
}
