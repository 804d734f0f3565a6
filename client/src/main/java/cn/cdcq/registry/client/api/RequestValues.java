package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.format.Sha256Hex;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The one way every endpoint checks a request value before the ledger is asked: each check
 * returns the value normalized, or throws an {@link InvalidRequest} that names the field (a JSON
 * path) and carries a code. The national formats are registry-common's validators, the same ones
 * the chaincode runs again; nothing of them is re-implemented here.
 */
public final class RequestValues {

    /** A ledger id made of a SHA-256 (a batch's Merkle root, a transaction id): 64 lowercase hex digits. */

    private RequestValues() {
    }

    public static String uscc(String field, String value) {
        return InvalidRequest.check(field, () -> Uscc.validate(value));
    }

    public static String region(String field, String value) {
        return InvalidRequest.check(field, () -> RegionCode.validate(value));
    }

    /** A yyyy-MM-dd date, normalized. */
    public static String date(String field, String value) {
        return InvalidRequest.check(field, () -> IsoDate.parse("the date", value).toString());
    }

    /** An optional date: absent stays {@code null}. */
    public static String optionalDate(String field, String value) {
        return value == null || value.isBlank() ? null : date(field, value);
    }

    public static String certificateNumber(String field, String value) {
        return InvalidRequest.check(field, () -> CertificateNumber.validate(value));
    }

    /** A reason code of {@code allowed} (the list for {@code action}, see {@link ReasonCodes}). */
    public static String reasonCode(String field, String action, String value, List<String> allowed) {
        return InvalidRequest.check(field, () -> ReasonCodes.require(action, value, allowed));
    }

    /** Free text (a reason, a note): 1 to 500 characters on one line; public on the ledger, so no personal data. */
    public static String text(String field, String value) {
        return InvalidRequest.check(field, () -> ReasonCodes.requireText(field, value));
    }

    /** The SHA-256 of a document kept in a bureau's archive, in hex (normalized to lower case). */
    public static String sha256(String field, String value) {
        return InvalidRequest.check(field, () -> CreditInputs.sha256Hex(field, value));
    }

    /** A person's pseudonym (64 hex digits); a name or ID number in its place is refused without being echoed. */
    public static String pseudonym(String field, String value) {
        return InvalidRequest.check(field, () -> CreditInputs.pseudonym(field, value));
    }

    /** A certificate batch's id: its Merkle root, as the batch issue answered it. */
    public static String batchId(String field, String value) {
        if (!Sha256Hex.isCanonical(value)) {
            throw new InvalidRequest(field, InvalidInputException.INVALID_HEX, "a batch id is the batch's Merkle "
                    + "root, 64 lowercase hex digits, as the batch issue answered it");
        }
        return value;
    }

    /** A ledger record id: the 64 lowercase hex digits of the transaction that made it. */
    public static String ledgerId(String field, String value) {
        if (!Sha256Hex.isCanonical(value)) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "'" + value
                    + "' is not a record id (the 64 hex digits of the transaction that made it)");
        }
        return value;
    }

    /** An amount in fen: a whole, non-negative number (1 yuan = 100 fen), never a fraction. */
    public static long fen(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "is missing; give the amount in fen");
        }
        if (value.signum() < 0) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, value.toPlainString()
                    + " is negative; amounts are in fen, 0 or more");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, value.toPlainString()
                    + " is not a whole number of fen (1 yuan = 100 fen; send 1250 for 12.50 yuan)");
        }
    }

    /** One of {@code type}'s constants, spelled exactly. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "is missing; one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An optional enum value: absent stays {@code null}. */
    public static <E extends Enum<E>> E optionalEnumValue(Class<E> type, String field, String value) {
        return value == null || value.isBlank() ? null : enumValue(type, field, value);
    }

    public static int year(String field, int year) {
        if (year < ApiFormats.YEAR_MIN || year > ApiFormats.YEAR_MAX) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, year + " is not a year from " + ApiFormats.YEAR_MIN
                    + " to " + ApiFormats.YEAR_MAX);
        }
        return year;
    }
}
