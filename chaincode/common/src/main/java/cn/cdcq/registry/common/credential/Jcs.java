package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.json.CanonicalJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The whole of RFC 8785 (JSON Canonicalization Scheme) for JSON from anywhere, numbers included.
 *
 * <p>The registry's own {@link CanonicalJson} refuses non-integers
 * on purpose (money is in fen). A credential verifier cannot: a credential from another issuer may
 * carry {@code 0.5} or {@code 1e+30}, and its proof covers the JCS form of that number. So every
 * number here is read as an IEEE 754 double (as RFC 8785 §3.2.2.3 requires) and written the way
 * ECMAScript's {@code Number.prototype.toString} writes it: the shortest decimal that reads back
 * as the same double, closest to it when several qualify, in plain or exponent notation by the
 * ECMAScript thresholds. NaN and the infinities have no JSON form and are refused.
 */
public final class Jcs {

    /** Strict reading for input from outside: duplicate names (I-JSON) and trailing content are errors. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Jcs() {
    }

    /** A value that RFC 8785 cannot canonicalize (a lone surrogate, NaN, an infinite number) or text that is not JSON. */
    public static final class JcsException extends RuntimeException {
        public JcsException(String message) {
            super(message);
        }
    }

    /** Parses {@code json} strictly (one value, no duplicate member names). */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new JcsException("the JSON text is empty");
        }
        try {
            JsonNode node = READER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new JcsException("the JSON text is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JcsException("not valid JSON: " + e.getOriginalMessage() + location(e));
        }
    }

    /** The UTF-8 bytes of the canonical form. */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical form as a string: {@link CanonicalJson}'s structure, member order and string
     * escaping, with every number written as RFC 8785 writes a double.
     */
    public static String canonicalString(JsonNode node) {
        try {
            return CanonicalJson.canonicalString(node, (number, where) -> number(number.doubleValue()));
        } catch (InvalidInputException e) {
            throw new JcsException(e.getMessage());
        }
    }

    /**
     * ECMAScript's {@code Number::toString(x)} for a finite double (ECMA-262 §6.1.6.1.20), which
     * RFC 8785 §3.2.2.3 prescribes for every JSON number.
     */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new JcsException("the number " + value + " has no JSON form (RFC 8785 refuses NaN and Infinity)");
        }
        if (value == 0) {
            return "0"; // and -0 too, as JSON.stringify(-0) gives
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        BigDecimal digits = shortestDigits(value);
        String s = digits.unscaledValue().toString();
        int k = s.length();
        int n = k - digits.scale(); // value = 0.s x 10^n
        StringBuilder out = new StringBuilder(24);
        if (k <= n && n <= 21) {
            out.append(s).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(s);
        } else {
            int e = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code value}; among
     * those, the one closest to it (ties to an even last digit). Rounding the exact binary value
     * gives the closest candidate of each length; its two neighbours matter only where the gap
     * below a power of two is half the gap above it.
     */
    private static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-rounded.scale());
            BigDecimal best = null;
            for (BigDecimal candidate : new BigDecimal[] {rounded, rounded.subtract(unit), rounded.add(unit)}) {
                if (candidate.signum() <= 0 || candidate.precision() > precision || candidate.doubleValue() != value) {
                    continue;
                }
                if (best == null || closer(candidate, best, exact)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("no 17-digit decimal reads back as " + value + ", which IEEE 754 rules out");
    }

    private static boolean closer(BigDecimal candidate, BigDecimal best, BigDecimal exact) {
        int c = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
        return c < 0 || (c == 0 && !candidate.unscaledValue().testBit(0));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
