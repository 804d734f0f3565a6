package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request refused before the ledger, naming each wrong field (as a JSON path such as
 * {@code certificates[3].holderIdNumber}) with the national-format validator's code and message.
 * The web layer answers it as a 400 problem detail with {@code field} (the first) and
 * {@code errors} (all of them). Build one with {@link RequestValues}, {@link #check} or
 * {@link #build}; never answer a request with a bare {@link InvalidInputException}, which names no field.
 */
public final class InvalidRequest extends InvalidInputException {

    private static final long serialVersionUID = 1L;
    /** How many problems the {@code detail} text lists before summarizing; {@code errors} has them all. */
    static final int LISTED = 20;
    /** The field path a validator's message begins with, e.g. {@code holidays[2]} in "holidays[2] 2027-01-01 is not in 2026". */
    private static final Pattern LEADING_PATH = Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:\\[\\d+])*)(?=[ :]|$).*", Pattern.DOTALL);

    /**
     * One wrong field.
     *
     * @param field   JSON path of the field in the request, e.g. {@code certificates[3].level}
     * @param code    e.g. {@code INVALID_LEVEL}
     * @param message what is wrong and what to do; never echoes personal data
     */
    public record FieldProblem(String field, String code, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidRequest(List<FieldProblem> problems) {
        super(problems.isEmpty() ? INVALID_JSON : problems.get(0).code(), describe(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidRequest(String field, String code, String message) {
        this(List.of(new FieldProblem(field, code, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The first wrong field. */
    public String field() {
        return problems.isEmpty() ? null : problems.get(0).field();
    }

    /**
     * Runs a validator of registry-common for the value of {@code field}; its refusal becomes an
     * {@link InvalidRequest} naming the field.
     */
    public static <T> T check(String field, Supplier<T> validation) {
        try {
            return validation.get();
        } catch (InvalidRequest e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new InvalidRequest(field, e.getCode(), e.getMessage());
        }
    }

    /**
     * Builds a registry-common record whose constructor checks several request fields at once.
     * Its validators begin their message with the field they were given, so the refusal names the
     * first of {@code fields} that the message begins with, index included (as in
     * {@code holidays[2]}); a rule across fields (or a message naming none) is put on
     * {@code fields[0]}. Check first, with {@link RequestValues}, a field whose validator does not
     * name it (a USCC, a region code).
     */
    public static <T> T build(Supplier<T> construction, String... fields) {
        try {
            return construction.get();
        } catch (InvalidRequest e) {
            throw e;
        } catch (InvalidInputException e) {
            String field = namedField(e.getMessage(), fields);
            throw new InvalidRequest(field, e.getCode(), e.getMessage());
        }
    }

    private static String namedField(String message, String[] fields) {
        Matcher m = LEADING_PATH.matcher(message == null ? "" : message);
        if (m.matches()) {
            String path = m.group(1);
            String name = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
            for (String field : fields) {
                if (field.equals(name)) {
                    return path;
                }
            }
        }
        return fields[0];
    }

    /** Collects the problems of several checks, so that one answer names every wrong field. */
    public static final class Collector {
        private final List<FieldProblem> problems = new ArrayList<>();

        /** The validated value, or {@code null} after recording why {@code field} is wrong. */
        public <T> T check(String field, Supplier<T> validation) {
            try {
                return InvalidRequest.check(field, validation);
            } catch (InvalidRequest e) {
                problems.addAll(e.problems());
                return null;
            }
        }

        public void add(String field, String code, String message) {
            problems.add(new FieldProblem(field, code, message));
        }

        public void addAll(InvalidRequest e) {
            problems.addAll(e.problems());
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        /** Throws the collected problems, if there are any. */
        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
        }
    }

    private static String describe(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return "the request is not valid";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            FieldProblem p = problems.get(i);
            text.append(i == 0 ? "" : "; ").append(p.field()).append(": ").append(p.message());
        }
        if (problems.size() > LISTED) {
            text.append("; and ").append(problems.size() - LISTED).append(" more (see errors)");
        }
        return text.toString();
    }
}
