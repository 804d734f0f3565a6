package cn.cdcq.registry.common.json;

import cn.cdcq.registry.common.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one serialization whose bytes are hashed,
 * signed and put in Merkle trees.
 *
 * <p>Endorsing peers in both regions, the regional services and offline verifiers must derive the
 * same bytes from the same record, whatever field order or whitespace the JSON arrived with. JCS
 * fixes that: object members sorted by their names' UTF-16 code units, no whitespace, strings
 * escaped exactly as ECMAScript's {@code JSON.stringify} does, output in UTF-8. It is also what the
 * {@code ecdsa-jcs-2019} proof of an exported W3C credential signs.
 *
 * <p><b>Deliberate limit on numbers.</b> Full JCS formats every number as an IEEE 754 double the
 * way ECMAScript does, which silently rounds large integers and writes fractions in a form few
 * libraries reproduce exactly. Records here carry money in fen and every other number as an
 * integer, so this implementation accepts only integral values with magnitude at most
 * 2<sup>53</sup> (every such integer is exactly a double, so its plain digits are also its JCS
 * form) and rejects anything else with {@link InvalidInputException#INVALID_JSON}. A value such as
 * {@code 2.0} is integral and is written {@code 2}, as JCS would.
 *
 * <p>Strings containing a lone UTF-16 surrogate are rejected too: JCS takes I-JSON (RFC 7493)
 * input, which forbids them, and UTF-8 cannot represent them.
 */
public final class CanonicalJson {

    /** 2^53: the largest magnitude up to which every integer is exactly an IEEE 754 double. */
    private static final BigInteger MAX_EXACT_INTEGER = BigInteger.ONE.shiftLeft(53);
    /** The largest integer a record may carry: every JSON implementation reads it exactly. */
    public static final long MAX_EXACT_LONG = 1L << 53;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * How numbers are written. The registry's own records use {@link #canonicalString(JsonNode)},
     * which accepts integers only (see above); a verifier of credentials from other issuers needs
     * RFC 8785's full double formatting ({@code credential.Jcs}) and passes its own form here, so
     * that structure, member order and string escaping are written in exactly one place.
     */
    @FunctionalInterface
    public interface NumberForm {
        /** The JCS text of the number {@code node}; {@code where} names its location for error messages. */
        String write(JsonNode node, Supplier<String> where);
    }

    private static final NumberForm INTEGERS_ONLY = (node, where) -> integerForm(node, where);

    /** The UTF-8 bytes of the canonical form of {@code node}. */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form of {@code node} as a string (encode it as UTF-8 before hashing). */
    public static String canonicalString(JsonNode node) {
        return canonicalString(node, INTEGERS_ONLY);
    }

    /** The canonical form of {@code node} with numbers written by {@code numbers}. */
    public static String canonicalString(JsonNode node, NumberForm numbers) {
        if (node == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "nothing to canonicalize: the JSON value is missing (pass NullNode for JSON null)");
        }
        StringBuilder out = new StringBuilder(256);
        writeValue(node, out, new ArrayDeque<>(), numbers);
        return out.toString();
    }

    private static void writeValue(JsonNode node, StringBuilder out, Deque<Object> path, NumberForm numbers) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, path, numbers);
            case ARRAY -> writeArray(node, out, path, numbers);
            case STRING -> writeString(node.textValue(), out, path);
            case NUMBER -> out.append(numbers.write(node, () -> describe(path)));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            // Jackson writes byte[] as base64 text; canonicalize what it would have written.
            case BINARY -> writeString(node.asText(), out, path);
            default -> throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "value at " + describe(path) + " is a " + node.getNodeType()
                            + " node, which has no JSON form; give it a string, number, boolean, null, "
                            + "array or object value");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, Deque<Object> path, NumberForm numbers) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 requires.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            path.addLast(member.getKey());
            writeString(member.getKey(), out, path);
            out.append(':');
            writeValue(member.getValue(), out, path, numbers);
            path.removeLast();
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out, Deque<Object> path, NumberForm numbers) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            path.addLast(i);
            writeValue(node.get(i), out, path, numbers);
            path.removeLast();
        }
        out.append(']');
    }

    private static String integerForm(JsonNode node, Supplier<String> where) {
        if (node.isInt() || node.isLong() || node.isShort()) {
            long value = node.longValue();
            if (value > MAX_EXACT_LONG || value < -MAX_EXACT_LONG) {
                throw numberOutOfRange(node.asText(), where);
            }
            return Long.toString(value);
        }
        BigInteger integer = toExactInteger(node, where);
        if (integer.abs().compareTo(MAX_EXACT_INTEGER) > 0) {
            throw numberOutOfRange(integer.toString(), where);
        }
        return integer.toString();
    }

    private static BigInteger toExactInteger(JsonNode node, Supplier<String> where) {
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        BigDecimal decimal;
        if (node.isDouble() || node.isFloat()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw notAnInteger(String.valueOf(value), where);
            }
            decimal = new BigDecimal(value);
        } else {
            decimal = node.decimalValue();
        }
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            String shown = node.isDouble() || node.isFloat()
                    ? String.valueOf(node.doubleValue()) : decimal.toPlainString();
            throw notAnInteger(shown, where);
        }
        // -0.0 becomes 0, as JSON.stringify(-0) does.
        return decimal.toBigIntegerExact();
    }

    private static InvalidInputException notAnInteger(String shown, Supplier<String> where) {
        return new InvalidInputException(InvalidInputException.INVALID_JSON,
                "number " + shown + " at " + where.get() + " is not an integer: records carry money in "
                        + "fen and every other number as an integer, so canonical JSON accepts only integers "
                        + "(use fen, or a string for anything else)");
    }

    private static InvalidInputException numberOutOfRange(String shown, Supplier<String> where) {
        return new InvalidInputException(InvalidInputException.INVALID_JSON,
                "number " + shown + " at " + where.get() + " is beyond ±2^53 (9007199254740992): "
                        + "records carry money in fen and other numbers as integers within that range, "
                        + "which every JSON implementation reads exactly; carry larger values as strings");
    }

    private static void writeString(String value, StringBuilder out, Deque<Object> path) {
        out.append('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw loneSurrogate(c, i, path);
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw loneSurrogate(c, i, path);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static InvalidInputException loneSurrogate(char c, int index, Deque<Object> path) {
        return new InvalidInputException(InvalidInputException.INVALID_JSON,
                String.format("string at %s has a lone UTF-16 surrogate \\u%04x at character %d: "
                        + "it is not a Unicode character and has no UTF-8 form; fix the text's encoding",
                        describe(path), (int) c, index + 1));
    }

    /** A JSONPath-like location such as {@code $.batch.certificates[3].level}, for error messages. */
    private static String describe(Deque<Object> path) {
        StringBuilder where = new StringBuilder("$");
        for (Object step : path) {
            if (step instanceof Integer index) {
                where.append('[').append(index).append(']');
            } else {
                where.append('.').append(step);
            }
        }
        return where.toString();
    }
}
