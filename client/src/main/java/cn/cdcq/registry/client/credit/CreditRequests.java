package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Checks of credit and case request values before anything goes to the ledger, each refusal
 * naming the field ("uscc: USCC 9150...: check character should be ..."). The national formats
 * come from registry-common, the same checks the chaincode runs again.
 */
public final class CreditRequests {

    private static final Pattern LEDGER_ID = Pattern.compile("[0-9a-f]{64}");

    private CreditRequests() {
    }





    public static String sha256(String field, String value) {
        return CreditInputs.sha256Hex(field, value);
    }

    /** A ledger record id (a transaction id: 64 lowercase hex digits). */
    public static String ledgerId(String field, String value) {
        if (value == null || !LEDGER_ID.matcher(value).matches()) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": '" + value
                    + "' is not a record id (the 64 hex digits of the transaction that made it)");
        }
        return value;
    }

    /** An amount in fen: a whole, non-negative number (1 yuan = 100 fen), never a fraction. */
    public static long fen(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": is missing; give the amount in fen");
        }
        if (value.signum() < 0) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": " + value.toPlainString()
                    + " is negative; amounts are in fen, 0 or more");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": " + value.toPlainString()
                    + " is not a whole number of fen (1 yuan = 100 fen; send 1250 for 12.50 yuan)");
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": is missing; one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static int year(String field, int year) {
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, field + ": " + year + " is not a year from 2000 to 2100");
        }
        return year;
    }
}
