package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.IntFunction;

/** Deadline arithmetic in working days (the date of an instant in China is {@code IsoDate.dateOf}). */
public final class WorkingDays {

    /** A calendar for a year the arithmetic needs is missing. */
    public static final String NO_CALENDAR = "NO_CALENDAR";

    private WorkingDays() {
    }

    /**
     * The {@code n}-th working day after {@code start} (start itself not counted), e.g. a request
     * received on a Friday with n = 1 is due the next working day.
     *
     * @param calendars the calendar of a year, empty if none has been set (refused: deadlines are
     *                  not guessed)
     */
    public static LocalDate addWorkingDays(LocalDate start, int n, IntFunction<Optional<WorkingCalendar>> calendars) {
        if (n < 1) {
            throw new IllegalArgumentException("working days to add must be at least 1, got " + n);
        }
        LocalDate day = start;
        int counted = 0;
        WorkingCalendar calendar = null;
        while (counted < n) {
            day = day.plusDays(1);
            if (calendar == null || calendar.year() != day.getYear()) {
                int year = day.getYear();
                calendar = calendars.apply(year).orElseThrow(() -> new InvalidInputException(NO_CALENDAR,
                        "no working-day calendar for " + year + " on the ledger; a bureau must set it "
                                + "(settings:proposeCalendar, accepted by the other region) before deadlines reaching into " + year + " can be computed"));
            }
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
