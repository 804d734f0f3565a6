package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.List;

/**
 * The reason codes a bureau chooses from when it changes a status or decides a case, so both
 * regions and their reports speak one vocabulary; the free text next to the code says the rest.
 * Every list ends in {@code OTHER} for what the list does not foresee.
 */
public final class ReasonCodes {

    /** A reason code that is not in the list for the action. */
    public static final String INVALID_REASON = "INVALID_REASON";
    /** Free text that is missing, too long, or holds control characters. */
    public static final String INVALID_TEXT = "INVALID_TEXT";

    public static final List<String> CERTIFICATE_SUSPEND =
            List.of("UNDER_INVESTIGATION", "DISPUTED_ASSESSMENT", "HOLDER_REQUEST", "OTHER");
    public static final List<String> CERTIFICATE_REINSTATE =
            List.of("INVESTIGATION_CLEARED", "ERROR_CORRECTED", "OTHER");
    public static final List<String> CERTIFICATE_REVOKE =
            List.of("FRAUDULENT_ASSESSMENT", "ISSUED_IN_ERROR", "HOLDER_MISCONDUCT", "SUPERSEDED", "OTHER");

    public static final List<String> ACCREDITATION_SUSPEND =
            List.of("INSPECTION_FINDINGS", "QUALITY_CONCERN", "OVERDUE_REVIEW", "OTHER");
    public static final List<String> ACCREDITATION_REINSTATE = List.of("ISSUES_RESOLVED", "OTHER");
    public static final List<String> ACCREDITATION_REVOKE =
            List.of("FRAUD", "SERIOUS_VIOLATION", "CEASED_OPERATION", "OTHER");

    public static final List<String> RECOGNITION_ACCEPT = List.of("EQUIVALENT_STANDARD", "OTHER");
    public static final List<String> RECOGNITION_REFUSE = List.of("NO_EQUIVALENT_OCCUPATION",
            "LEVEL_NOT_EQUIVALENT", "ASSESSMENT_NOT_COMPARABLE", "INSUFFICIENT_EVIDENCE", "OTHER");

    /** The longest free-text reason accepted. */
    public static final int MAX_REASON_LENGTH = 500;

    private ReasonCodes() {
    }

    /**
     * The label shown with a reason code in public reports: the code in words
     * ({@code ISSUED_IN_ERROR} is "Issued in error"); "Not given" for none.
     */
    public static String label(String code) {
        if (code == null || code.isBlank()) {
            return "Not given";
        }
        String words = code.strip().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code code} if it is one of {@code allowed}, else an {@value #INVALID_REASON} error naming the choices. */
    public static String require(String action, String code, List<String> allowed) {
        if (code == null || !allowed.contains(code.strip())) {
            throw new InvalidInputException(INVALID_REASON, "reason code " + (code == null || code.isBlank()
                    ? "is missing" : "\"" + code.strip() + "\" is not one") + " for " + action
                    + "; choose one of " + String.join(", ", allowed));
        }
        return code.strip();
    }

    /** The free-text reason: 1 to {@value #MAX_REASON_LENGTH} characters, one line, no personal data. */
    public static String requireText(String text) {
        return requireText("reason", text);
    }

    /** Free text named {@code field} (a reason, a note): 1 to {@value #MAX_REASON_LENGTH} characters, one line. */
    public static String requireText(String field, String text) {
        return Fields.requireText(field, text, MAX_REASON_LENGTH);
    }
}
