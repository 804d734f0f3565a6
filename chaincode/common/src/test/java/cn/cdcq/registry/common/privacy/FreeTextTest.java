package cn.cdcq.registry.common.privacy;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeTextTest {

    /** A made-up number with a correct check character (birth date 1990-03-07). */
    static final String ID = "11010519900307" + "123" + ResidentIdNumber.checkCharacter("11010519900307123");

    @ParameterizedTest
    @ValueSource(strings = {"holder ID %s asked for it", "%s", "ID:%s.", "身份证号%s申请暂停"})
    void aValidResidentIdNumberIsRefusedWherever(String template) {
        String text = template.formatted(ID);
        assertThatThrownBy(() -> FreeText.requireNoPersonalData("reason", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getCode()).isEqualTo(FreeText.PERSONAL_DATA))
                .hasMessageContaining("reason holds a resident ID number")
                .hasMessageNotContaining(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call 13800138000", "tel 138 0013 8000", "138-0013-8000 back", "+86 13912345678", "电话19912345678"})
    void aMainlandMobileNumberIsRefused(String text) {
        assertThatThrownBy(() -> FreeText.requireNoPersonalData("note", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getCode()).isEqualTo(FreeText.PERSONAL_DATA))
                .hasMessageContaining("note holds a mobile number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"assessment of batch 2026-11 was not supervised", "order 45 of 2019, fine 20000 yuan",
            "certificate CD5101202611000001 issued in error", "a number with the wrong check character 110105199003071230",
            "12800138000 is no mobile prefix", "USCC 91510100MA61000010", "the 1380013800012 reference"})
    void ordinaryTextPasses(String text) {
        assertThat(FreeText.requireNoPersonalData("reason", text)).isEqualTo(text);
    }
}
