package cn.cdcq.registry.common;

/**
 * Input that breaks a national format, the canonical-JSON rules or a cryptographic precondition.
 *
 * <p>It carries two things because it has two readers: a short {@linkplain #getCode() code} that
 * the contract turns into its error code and the client branches on, and a message written for
 * the person who typed the value, saying what was wrong and what to do about it. It extends
 * {@link IllegalArgumentException} so callers that only care "bad argument or not" need no new
 * catch clause.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A unified social credit code (USCC, GB 32100-2015) is malformed. */
    public static final String INVALID_USCC = "INVALID_USCC";
    /** A resident ID number (GB 11643-1999) is malformed. */
    public static final String INVALID_ID_NUMBER = "INVALID_ID_NUMBER";
    /** A certificate number (of any credential kind) is malformed or disagrees with the certificate. */
    public static final String INVALID_CERTIFICATE_NUMBER = "INVALID_CERTIFICATE_NUMBER";
    /** A level that does not exist in the credential's kind (skill level 1..5, special ability 0, title grade 1..5). */
    public static final String INVALID_LEVEL = "INVALID_LEVEL";
    /** A credential kind other than SKILL_LEVEL, SPECIAL_ABILITY or PROFESSIONAL_TITLE. */
    public static final String INVALID_CREDENTIAL_KIND = "INVALID_CREDENTIAL_KIND";
    /** An occupation code that is not in the national classification's form. */
    public static final String INVALID_OCCUPATION = "INVALID_OCCUPATION";
    /** A region code that is not two letters. */
    public static final String INVALID_REGION = "INVALID_REGION";
    /** Malformed JSON, an unknown field, or a value canonical JSON cannot carry. */
    public static final String INVALID_JSON = "INVALID_JSON";
    /** A date that is not a real yyyy-MM-dd calendar date. */
    public static final String INVALID_DATE = "INVALID_DATE";
    /** A key, pepper or salt that is missing, unreadable or of the wrong kind. */
    public static final String INVALID_KEY = "INVALID_KEY";
    /** An X.509 certificate that cannot be read or holds the wrong kind of key. */
    public static final String INVALID_X509_CERTIFICATE = "INVALID_X509_CERTIFICATE";
    /** A hexadecimal string with an odd length or a non-hex character. */
    public static final String INVALID_HEX = "INVALID_HEX";
    /** A Merkle batch or proof path that cannot be built or read. */
    public static final String INVALID_MERKLE_PROOF = "INVALID_MERKLE_PROOF";
    /** A certificate batch with no certificates, or more than one transaction may carry. */
    public static final String INVALID_BATCH_SIZE = "INVALID_BATCH_SIZE";
    /** Holder details (name, ID number) that cannot be committed to. */
    public static final String INVALID_HOLDER = "INVALID_HOLDER";

    private final String code;

    /**
     * @param code    short machine-readable reason, e.g. {@value #INVALID_USCC}
     * @param message what was wrong and what to do, for a person
     */
    public InvalidInputException(String code, String message) {
        super(message);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("InvalidInputException needs a code such as INVALID_JSON");
        }
        this.code = code;
    }

    /** The short machine-readable reason, e.g. {@value #INVALID_USCC}. */
    public String getCode() {
        return code;
    }
}
