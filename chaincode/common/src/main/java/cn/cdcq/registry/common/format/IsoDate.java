package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Dates in records (issue, expiry, effective dates) are {@code yyyy-MM-dd} strings, so the canonical
 * JSON of a record never depends on a date library's formatting. This is where such a string is
 * checked to be a real calendar date, with an error naming the field it came from.
 *
 * <p>It is also the project's one time zone: a day is a day in Beijing time for both bureaus, the
 * working-day calendar ({@code cases.WorkingDays}) and every "today".
 */
public final class IsoDate {

    /** The bureaus' time zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final Pattern FORM = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

    private IsoDate() {
    }

    /**
     * The date in {@code value}, or an {@code INVALID_DATE} error naming {@code field}.
     *
     * @param field the record field the value came from, e.g. {@code "issueDate"}, for the message
     * @param value a date in the form {@code yyyy-MM-dd}, e.g. {@code 2024-03-15}
     */
    public static LocalDate parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(InvalidInputException.INVALID_DATE,
                    field + " is missing; give a date as yyyy-MM-dd, e.g. 2024-03-15");
        }
        String text = value.trim();
        if (!FORM.matcher(text).matches()) {
            throw new InvalidInputException(InvalidInputException.INVALID_DATE,
                    field + " '" + text + "' is not in the form yyyy-MM-dd, e.g. 2024-03-15");
        }
        try {
            return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                    Integer.parseInt(text.substring(8, 10)));
        } catch (DateTimeException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_DATE,
                    field + " '" + text + "' is not a real calendar date; check the month and day");
        }
    }

    /**
     * The date in China of {@code instant}. On the chaincode the instant is the transaction's
     * timestamp, so every endorsing peer gets the same date.
     */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(CHINA).toLocalDate();
    }

    /** Today in China by this machine's clock: for the services, never for the chaincode (use {@link #dateOf}). */
    public static LocalDate today() {
        return dateOf(Instant.now());
    }

    /** Whether {@code value} is a real {@code yyyy-MM-dd} date. */
    public static boolean isValid(String value) {
        try {
            parse("date", value);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
