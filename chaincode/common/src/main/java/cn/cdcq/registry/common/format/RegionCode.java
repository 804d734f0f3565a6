package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.Locale;

/**
 * Region code of a participating bureau: two letters, {@code CD} for Chengdu and {@code CQ} for
 * Chongqing today. Any two letters are accepted so a third region can join without a code change;
 * which regions exist is the contract's business, not the format's.
 */
public final class RegionCode {

    private RegionCode() {
    }

    /** The trimmed, uppercased code, or an {@code INVALID_REGION} error. */
    public static String validate(String region) {
        if (region == null || region.isBlank()) {
            throw invalid("region code is missing; give two letters such as CD (Chengdu) or CQ (Chongqing)");
        }
        String value = region.trim().toUpperCase(Locale.ROOT);
        if (value.length() != 2 || !isAsciiUpper(value.charAt(0)) || !isAsciiUpper(value.charAt(1))) {
            throw invalid("region code " + value + ": must be two letters A-Z, such as CD (Chengdu) or CQ (Chongqing)");
        }
        return value;
    }

    /** Whether {@link #validate(String)} would accept {@code region}. */
    public static boolean isValid(String region) {
        try {
            validate(region);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.INVALID_REGION, message);
    }
}
