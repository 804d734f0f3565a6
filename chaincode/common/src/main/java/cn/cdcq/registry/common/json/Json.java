package cn.cdcq.registry.common.json;

import cn.cdcq.registry.common.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's one JSON configuration, and the way records become the bytes that are signed.
 *
 * <p>Records are Java records whose dates and instants are ISO strings and whose money is a
 * {@code long} in fen, so Jackson's built-in record support is all that is needed. Reading is
 * strict because what is read here is what gets endorsed and signed: unknown fields, duplicate
 * keys, trailing content, fractions where an integer is expected, a missing or null primitive
 * (which would otherwise read as 0), and strings where numbers or booleans belong (or the reverse)
 * are all refused with {@link InvalidInputException#INVALID_JSON} rather than silently dropped,
 * defaulted, truncated or coerced. Writing omits null fields and always produces the RFC
 * 8785 canonical form ({@link CanonicalJson}), so two parties serializing the same record get the
 * same bytes.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // Keep "0.1" exact in trees so canonicalization can reject it instead of rounding.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // 12.5 must not become 12 fen.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A number where text is expected is a client bug (a certificate serial sent as a
            // number has already lost its leading zeros): refuse it rather than stringify it.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** Jackson's advice to developers, e.g. "(set DeserializationConfig...)", which means nothing to a sender. */
    private static final Pattern JACKSON_HINT =
            Pattern.compile("\\s*\\((but (might|could) if|set DeserializationConfig)[^)]*\\)");

    private Json() {
    }

    /**
     * The shared mapper, for callers that need Jackson directly (tree building, streaming).
     * It is shared by the whole process: do not reconfigure it; call {@code mapper().copy()} if
     * you need different settings.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The RFC 8785 canonical JSON of {@code value}. */
    public static String write(Object value) {
        return CanonicalJson.canonicalString(toTree(value));
    }

    /** The UTF-8 bytes of the canonical JSON of {@code value}: what is hashed and signed. */
    public static byte[] canonicalBytes(Object value) {
        return CanonicalJson.canonicalize(toTree(value));
    }

    /** Reads {@code json} as a {@code type}, refusing malformed JSON and unknown fields. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "no JSON given for " + type.getSimpleName() + "; send a JSON object");
        }
        try {
            return requirePresent(MAPPER.readValue(json, type), type);
        } catch (IOException e) {
            throw explain(e, type);
        }
    }

    /** Reads UTF-8 {@code json} (for example a ledger value) as a {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "no JSON given for " + type.getSimpleName() + "; send a JSON object");
        }
        try {
            return requirePresent(MAPPER.readValue(json, type), type);
        } catch (IOException e) {
            throw explain(e, type);
        }
    }

    /** Parses {@code json} into a tree, refusing malformed JSON, duplicate keys and trailing content. */
    /** Reads a JSON array of records, e.g. a list query's answer. */
    public static <T> List<T> readList(String json, Class<T> elementType) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "no JSON given for a list of " + elementType.getSimpleName() + "; send a JSON array");
        }
        try {
            List<T> list = MAPPER.readValue(json,
                    MAPPER.getTypeFactory().constructCollectionType(List.class, elementType));
            return requirePresent(list, List.class);
        } catch (IOException e) {
            throw explain(e, elementType);
        }
    }

    public static JsonNode tree(String json) {
        if (json == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON, "no JSON given; send a JSON value");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                        "the JSON input is empty; send a JSON value");
            }
            return node;
        } catch (IOException e) {
            throw explain(e, JsonNode.class);
        }
    }

    private static JsonNode toTree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                        "cannot write " + (value == null ? "null" : value.getClass().getSimpleName())
                                + " as JSON: " + cause.getOriginalMessage());
            }
            throw e;
        }
    }

    private static <T> T requirePresent(T value, Class<T> type) {
        if (value == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "expected a " + type.getSimpleName() + " but the JSON is null; send a JSON object");
        }
        return value;
    }

    private static InvalidInputException explain(IOException e, Class<?> type) {
        // A record's compact constructor already said precisely what is wrong; keep its code.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        String target = type.getSimpleName();
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "unknown field \"" + unknown.getPropertyName() + "\" at " + path(unknown) + " in "
                            + unknown.getReferringClass().getSimpleName()
                            + "; remove it or use one of: " + names(unknown.getKnownPropertyIds()));
        }
        if (e instanceof StreamReadException parse) {
            return new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "malformed JSON for " + target + where(parse.getLocation()) + ": "
                            + parse.getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping) {
            String at = mapping.getPath().isEmpty() ? "" : " at " + path(mapping);
            String reason = mapping.getOriginalMessage();
            if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    && mismatch.getTargetType().isPrimitive() && reason != null && reason.startsWith("Cannot map `null`")) {
                reason = "the " + mismatch.getTargetType().getName() + " field is missing or null; give it a value";
            } else if (mapping.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
                reason = cause.getMessage();
            }
            return new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "JSON does not fit " + target + at + ": " + withoutHints(reason));
        }
        if (e instanceof JacksonException jackson) {
            return new InvalidInputException(InvalidInputException.INVALID_JSON,
                    "cannot read JSON as " + target + ": " + jackson.getOriginalMessage());
        }
        return new InvalidInputException(InvalidInputException.INVALID_JSON,
                "cannot read JSON as " + target + ": " + e.getMessage());
    }

    private static String withoutHints(String reason) {
        return reason == null ? "" : JACKSON_HINT.matcher(reason).replaceAll("");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder where = new StringBuilder("$");
        List<JsonMappingException.Reference> references = e.getPath();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                where.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                where.append('[').append(reference.getIndex()).append(']');
            }
        }
        return where.toString();
    }

    private static String names(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "(none)";
        }
        return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
