package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One certificate's request checked per kind: the number says the kind, the kind which levels exist. */
class NewCertificateTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final String ID = "11010519491231002X";

    static NewCertificate of(String number, String occupation, Integer level) {
        return new NewCertificate(number, occupation, level, "2026-03-15", null, "王小明", ID);
    }

    @Test
    void aSpecialAbilityHasLevelZeroAndATitleItsGrade() {
        assertThat(of(" z000151260000001", "4-04-05-01", 0).validated("", TODAY).number()).isEqualTo("Z000151260000001");
        assertThat(of("T5101326000001", "2-02-07-01", 3).validated("", TODAY).level()).isEqualTo(3);
    }

    @Test
    void aLevelThatDoesNotExistInTheKindOrDisagreesWithTheNumberIsNamed() {
        assertThatThrownBy(() -> of("Z000151260000001", "4-04-05-01", 3).validated("certificates[2].", TODAY))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("certificates[2].level")
                .hasMessageContaining("special vocational ability");
        assertThatThrownBy(() -> of("S000150000001264000001", "4-04-05-01", 0).validated("", TODAY))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("skill level 0 does not exist");
        assertThatThrownBy(() -> of("T5101326000001", "2-02-07-01", 2).validated("", TODAY))
                .isInstanceOf(InvalidRequest.class).extracting(e -> ((InvalidRequest) e).field()).isEqualTo("number");
        assertThatThrownBy(() -> of("T5101326000001", "2-02-07-01", null).validated("", TODAY))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("正高级");
    }
}
