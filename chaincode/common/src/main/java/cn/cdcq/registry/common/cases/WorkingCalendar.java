package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.IsoDate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * One year of the national working-day calendar as the State Council publishes it: public
 * holidays (weekdays off) and adjusted working days (weekend days worked, 调休).
 *
 * @param year               the calendar year
 * @param holidays           days off that would otherwise be working days, sorted
 * @param adjustedWorkingDays weekend days that are working days, sorted
 * @param setAt              ISO-8601 instant (filled in by the chaincode)
 * @param setBy              bureau account (filled in by the chaincode)
 */
public record WorkingCalendar(int year, List<String> holidays, List<String> adjustedWorkingDays, String setAt,
                              String setBy) {

    public WorkingCalendar {
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "calendar year " + year + " is out of range");
        }
        holidays = days("holidays", year, holidays);
        adjustedWorkingDays = days("adjustedWorkingDays", year, adjustedWorkingDays);
        for (String d : adjustedWorkingDays) {
            if (holidays.contains(d)) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        d + " is both a holiday and an adjusted working day");
            }
            DayOfWeek dow = LocalDate.parse(d).getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        "adjusted working day " + d + " is a " + dow + "; only weekend days can be adjusted to work");
            }
        }
    }

    private static List<String> days(String field, int year, List<String> given) {
        TreeSet<String> out = new TreeSet<>();
        List<String> list = given == null ? List.of() : given;
        for (int i = 0; i < list.size(); i++) {
            LocalDate d = IsoDate.parse(field + "[" + i + "]", list.get(i));
            if (d.getYear() != year) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                        field + "[" + i + "] " + d + " is not in " + year);
            }
            out.add(d.toString());
        }
        return List.copyOf(out);
    }

    /** Whether {@code date} (in this calendar's year) is a working day. */
    public boolean isWorkingDay(LocalDate date) {
        String d = date.toString();
        if (adjustedWorkingDays.contains(d)) {
            return true;
        }
        if (holidays.contains(d)) {
            return false;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
