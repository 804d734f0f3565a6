package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.ErrorCode;

/**
 * A refusal with a code a client can branch on ("FORBIDDEN", "ALREADY_EXISTS", a chaincode's
 * own code, ...) and a message a person can act on. The web layer answers every one as a problem
 * detail, its HTTP status chosen by the code, so no feature's exception is named there. (Input
 * refused before the ledger is an {@link InvalidRequest}, which names its field.)
 */
public abstract class CodedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    /** A refusal answered with the HTTP status the web layer chooses for {@code code}. */
    protected CodedException(String code, String message, Throwable cause) {
        this(0, code, message, cause);
    }

    /** A refusal with one of the shared chaincode codes. */
    protected CodedException(ErrorCode code, String message, Throwable cause) {
        this(0, code.name(), message, cause);
    }

    /**
     * A feature's own refusal whose code the web layer does not know (e.g. {@code HOLDER_MISMATCH}),
     * answered with {@code httpStatus}.
     */
    protected CodedException(int httpStatus, String code, String message, Throwable cause) {
        super(message, cause);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a coded refusal needs a code");
        }
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The code, e.g. {@code ALREADY_EXISTS}. */
    public String code() {
        return code;
    }

    /** Whether this is the shared code {@code expected}. */
    public boolean is(ErrorCode expected) {
        return expected.name().equals(code);
    }

    /** The HTTP status this refusal asks for, or 0 to let the web layer choose it by the code. */
    public int httpStatus() {
        return httpStatus;
    }
}
