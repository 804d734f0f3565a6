package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.api.InvalidRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pages' kind-and-level choice: a bare level is a skill level, KIND:level the others. */
class KindLevelTest {

    @Test
    void aBareLevelIsASkillLevelWrittenWithoutAKind() {
        assertThat(KindLevel.parse("highestLevel0", " 3 ")).isEqualTo(new KindLevel(null, 3));
        assertThat(KindLevel.parse("minimumLevel", "SKILL_LEVEL:4")).isEqualTo(new KindLevel(null, 4));
    }

    @Test
    void theOtherKindsCarryTheirName() {
        assertThat(KindLevel.parse("f", "SPECIAL_ABILITY:0")).isEqualTo(new KindLevel("SPECIAL_ABILITY", 0));
        assertThat(KindLevel.parse("f", "professional_title:2")).isEqualTo(new KindLevel("PROFESSIONAL_TITLE", 2));
    }

    @Test
    void anUnknownKindOrNoNumberIsAProblemOnTheField() {
        assertThatThrownBy(() -> KindLevel.parse("minimumLevel", "DIPLOMA:1")).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("DIPLOMA").extracting(e -> ((InvalidRequest) e).getCode())
                .isEqualTo("INVALID_CREDENTIAL_KIND");
        assertThatThrownBy(() -> KindLevel.parse("minimumLevel", "PROFESSIONAL_TITLE:")).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("正高级").extracting(e -> ((InvalidRequest) e).getCode()).isEqualTo("INVALID_LEVEL");
        assertThatThrownBy(() -> KindLevel.parse("minimumLevel", null)).isInstanceOf(InvalidRequest.class);
    }
}
