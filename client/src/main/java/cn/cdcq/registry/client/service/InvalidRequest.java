package cn.cdcq.registry.client.service;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A request refused before the ledger, naming each wrong field (as a JSON path such as
 * {@code certificates[3].holderIdNumber}) with the national-format validator's code and message.
 * {@link ProblemDetails} answers it as a 400 problem detail with {@code field} (the first) and
 * {@code errors} (all of them).
 */
public final class InvalidRequest extends InvalidInputException {

    private static final long serialVersionUID = 1L;
    /** How many problems the {@code detail} text lists before summarizing; {@code errors} has them all. */
    static final int LISTED = 20;

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
