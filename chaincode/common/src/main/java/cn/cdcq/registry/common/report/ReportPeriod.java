package cn.cdcq.registry.common.report;

import cn.cdcq.registry.common.InvalidInputException;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a calendar quarter, written {@code 2026-Q3}, of the years 2000 to 2099.
 * A quarter's report is due {@value #DUE_DAYS} days after its last day (2026-Q3, which ends on
 * 2026-09-30, is due on 2026-10-15), dates in China (docs/reports.md).
 */
public record ReportPeriod(int year, int quarter) {

    /** A period that is not a quarter of the form 2026-Q3. */
    public static final String INVALID_PERIOD = "INVALID_PERIOD";
    /** The form, as a regular expression (the OpenAPI document carries it). */
    public static final String PATTERN = "^20[0-9]{2}-Q[1-4]$";
    /**
     * Days after a quarter's last day by which its report is due. A constant of the contract, not
     * a ledger setting: changing it is a chaincode upgrade both regions endorse (docs/reports.md).
     */
    public static final int DUE_DAYS = 15;

    private static final Pattern FORM = Pattern.compile(PATTERN);

    public ReportPeriod {
        if (year < 2000 || year > 2099 || quarter < 1 || quarter > 4) {
            throw invalid("period " + year + "-Q" + quarter + " is not a quarter from 2000-Q1 to 2099-Q4");
        }
    }

    /** The trimmed period, or an {@value #INVALID_PERIOD} error. */
    public static ReportPeriod parse(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("period is missing; give the quarter as 2026-Q3");
        }
        String v = value.strip();
        Matcher m = FORM.matcher(v);
        if (!m.matches()) {
            throw invalid("period '" + (v.length() > 20 ? v.substring(0, 20) + "..." : v)
                    + "' is not a quarter; write it as 2026-Q3 (a year from 2000 to 2099, Q1 to Q4)");
        }
        return new ReportPeriod(Integer.parseInt(v.substring(0, 4)), v.charAt(6) - '0');
    }

    /** Whether {@link #parse} would accept {@code value}. */
    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, 3 * quarter - 2, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    /** The last day on which the report is on time. */
    public LocalDate dueOn() {
        return lastDay().plusDays(DUE_DAYS);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(INVALID_PERIOD, message);
    }
}
