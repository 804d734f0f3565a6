package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDaysTest {

    private static final Map<Integer, WorkingCalendar> CALENDARS = Map.of(
            2026, new WorkingCalendar(2026, List.of("2026-10-01", "2026-10-02", "2026-10-05"), List.of("2026-10-10"),
                    null, null));

    private static LocalDate plus(String start, int n) {
        return WorkingDays.addWorkingDays(LocalDate.parse(start), n, y -> Optional.ofNullable(CALENDARS.get(y)));
    }

    @Test
    void fridayPlusOneIsMonday() {
        assertThat(plus("2026-09-25", 1)).isEqualTo(LocalDate.parse("2026-09-28"));
    }

    @Test
    void holidaysAreSkippedAndAdjustedWeekendDaysCount() {
        assertThat(plus("2026-09-30", 1)).isEqualTo(LocalDate.parse("2026-10-06"));
        assertThat(plus("2026-10-09", 1)).isEqualTo(LocalDate.parse("2026-10-10"));
    }

    @Test
    void aMissingCalendarIsRefusedNotGuessed() {
        assertThatThrownBy(() -> plus("2026-12-30", 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2027");
    }

    @Test
    void theDateIsTheDateInBeijing() {
        assertThat(IsoDate.dateOf(Instant.parse("2026-09-30T16:30:00Z"))).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(IsoDate.dateOf(Instant.parse("2026-09-30T15:59:59Z"))).isEqualTo(LocalDate.parse("2026-09-30"));
    }
}
