package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Resident identity card number (公民身份号码, GB 11643-1999): the only stable way to recognise
 * the same worker in both regions, which is why it is validated and normalized before it becomes
 * a holder pseudonym.
 *
 * <p>The number is 17 digits and a check character ({@code 0-9} or {@code X}); digits 7–14 are the
 * holder's birth date. A lowercase {@code x} is accepted and normalized to {@code X} so the same
 * person always yields the same pseudonym.
 *
 * <p>Error messages show the number masked ({@code 110105********002X}): they end up in logs and
 * HTTP responses, and PIPL asks that an ID number appear in as few places as possible.
 *
 * <p>"Not in the future" is judged against today's date in China (Asia/Shanghai). Peers may
 * disagree on that only for a birth date of today or tomorrow, which no certificate holder has.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int LENGTH = 18;
    private static final int EARLIEST_BIRTH_YEAR = 1900;

    private ResidentIdNumber() {
    }

    /** The trimmed number with an uppercase X, or an {@code INVALID_ID_NUMBER} error saying what is wrong. */
    public static String validate(String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            throw invalid("resident ID number is missing; give the 18-character number from the ID card");
        }
        String number = idNumber.trim();
        if (number.length() != LENGTH) {
            throw invalid("resident ID number " + mask(number) + ": must be 18 characters, found " + number.length()
                    + (number.length() == 15 ? " (15-digit first-generation numbers must be converted to 18)" : ""));
        }
        if (number.charAt(LENGTH - 1) == 'x') {
            number = number.substring(0, LENGTH - 1) + 'X';
        }
        requireDigits(number, LENGTH - 1);
        char last = number.charAt(LENGTH - 1);
        if (!isAsciiDigit(last) && last != 'X') {
            throw invalid("resident ID number " + mask(number) + ": character '" + last
                    + "' at position 18 is not allowed; the check character is a digit or X");
        }
        parseBirthDate(number);
        char expected = check(number);
        if (expected != last) {
            throw invalid("resident ID number " + mask(number) + ": check character should be " + expected
                    + ", found " + last + "; re-read the number from the ID card");
        }
        return number;
    }

    /** Whether {@link #validate(String)} would accept {@code idNumber}. */
    public static boolean isValid(String idNumber) {
        try {
            validate(idNumber);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The check character that completes the 17 digits of {@code first17} into a valid number. */
    public static char checkCharacter(String first17) {
        if (first17 == null) {
            throw invalid("resident ID number prefix is missing; give the first 17 digits");
        }
        String prefix = first17.trim();
        if (prefix.length() != LENGTH - 1) {
            throw invalid("resident ID number prefix " + mask(prefix) + ": must be 17 digits to compute a check "
                    + "character, found " + prefix.length() + " characters");
        }
        requireDigits(prefix, LENGTH - 1);
        return check(prefix);
    }

    /** The birth date encoded in digits 7–14 of a valid number. */
    public static LocalDate birthDate(String idNumber) {
        return parseBirthDate(validate(idNumber));
    }

    /**
     * The messages never show the birth digits: the mask hides exactly digits 7-14, so printing
     * them beside it would give the whole number back.
     */
    private static LocalDate parseBirthDate(String number) {
        String digits = number.substring(6, 14);
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            throw invalid("resident ID number " + mask(number) + ": the birth date in digits 7-14 is not a real "
                    + "calendar date");
        }
        if (date.getYear() < EARLIEST_BIRTH_YEAR) {
            throw invalid("resident ID number " + mask(number) + ": the birth date in digits 7-14 is before "
                    + EARLIEST_BIRTH_YEAR);
        }
        if (date.isAfter(IsoDate.today())) {
            throw invalid("resident ID number " + mask(number) + ": the birth date in digits 7-14 is in the future");
        }
        return date;
    }

    private static void requireDigits(String number, int count) {
        for (int i = 0; i < count; i++) {
            if (!isAsciiDigit(number.charAt(i))) {
                throw invalid("resident ID number " + mask(number) + ": character '" + number.charAt(i)
                        + "' at position " + (i + 1) + " must be a digit");
            }
        }
    }

    private static char check(String number) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Keeps the region prefix and the last four characters, which is enough to find a typo. */
    private static String mask(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_ID_NUMBER, message);
    }
}
