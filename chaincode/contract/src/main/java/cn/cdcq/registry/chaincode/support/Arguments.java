package cn.cdcq.registry.chaincode.support;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Transaction arguments as every contract reads them: the shared validators of registry-common
 * decide what is well formed, and a value they refuse becomes an {@code INVALID_INPUT} refusal
 * with their message. This is the one place an {@link InvalidInputException} turns into a
 * {@link RegistryException}.
 */
public final class Arguments {

    private Arguments() {
    }

    /** {@code json} read as {@code type} (its compact constructor checks it), a malformed one refused. */
    public static <T> T json(String json, Class<T> type) {
        return valid(() -> Json.read(json, type));
    }

    /** Runs {@code check}; an input error becomes INVALID_INPUT. */
    public static <T> T valid(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw RegistryException.invalid(e);
        }
    }

    /** Why {@code check} refuses, if it does: for checks that collect problems (a batch) instead of stopping. */
    public static Optional<RegistryException> problemWith(Supplier<?> check) {
        try {
            check.get();
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(RegistryException.invalid(e));
        }
    }

    public static String uscc(String uscc) {
        return valid(() -> Uscc.validate(uscc));
    }

    public static String region(String code) {
        return valid(() -> RegionCode.validate(code));
    }

    /** A region code, or {@code null} when none is given (a list over every region). */
    public static String optionalRegion(String code) {
        return code == null || code.isBlank() ? null : region(code);
    }

    public static String certificateNumber(String number) {
        return valid(() -> CertificateNumber.validate(number));
    }

    public static LocalDate date(String field, String value) {
        return valid(() -> IsoDate.parse(field, value));
    }

    /** The SHA-256 of a document kept off the ledger, in hex (upper case is accepted and lowered). */
    public static String documentHash(String field, String value) {
        return valid(() -> CreditInputs.sha256Hex(field, value));
    }

    /** A whole number written as text, e.g. a year. */
    public static int wholeNumber(String field, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid(field + " '" + value + "' is not a whole number");
        }
    }

    /** "true" or "false", nothing else. */
    public static boolean flag(String field, String value) {
        return switch (value == null ? "" : value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RegistryException.invalid(field + " must be \"true\" or \"false\", got '" + value + "'");
        };
    }

    /** The names of {@code constants}, e.g. "VALID or SUSPENDED", for a message. */
    public static String names(Collection<? extends Enum<?>> constants, String separator) {
        return constants.stream().map(Enum::name).collect(Collectors.joining(separator));
    }

    /** One of the constants of {@code type}, by name. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String field, String value) {
        String name = value == null ? "" : value.strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw RegistryException.invalid(field + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
}
