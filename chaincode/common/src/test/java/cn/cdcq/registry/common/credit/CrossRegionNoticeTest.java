package cn.cdcq.registry.common.credit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CrossRegionNoticeTest {

    @ParameterizedTest
    @CsvSource({
            "2026-01-01, false, 2026-03-31",
            "2026-03-31, false, 2026-03-31",
            "2026-04-01, false, 2026-06-30",
            "2026-08-15, false, 2026-09-30",
            "2026-12-31, false, 2026-12-31",
            "2026-08-15, true, 2026-08-15"})
    void majorCasesAreDueAtOnceOthersAtTheEndOfTheQuarter(String recorded, boolean major, String due) {
        assertThat(CrossRegionNotice.dueDate(LocalDate.parse(recorded), major)).isEqualTo(LocalDate.parse(due));
    }
}
