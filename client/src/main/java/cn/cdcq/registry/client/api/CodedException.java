package cn.cdcq.registry.client.api;

/**
 * A refusal with a code a client can branch on ("FORBIDDEN", "ALREADY_EXISTS", a chaincode's
 * own code, ...) and a message a person can act on. The web layer answers every one as a problem
 * detail, its HTTP status chosen by the code, so no feature's exception is named there. (Input
 * refused before the ledger is an {@link InvalidRequest}, which names its field.)
 */
public abstract class CodedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected CodedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The code, e.g. {@code ALREADY_EXISTS}. */
    public String code() {
        return code;
    }
}
