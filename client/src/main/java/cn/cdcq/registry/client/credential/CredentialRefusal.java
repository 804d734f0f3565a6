package cn.cdcq.registry.client.credential;

import org.springframework.http.HttpStatus;

/** A credential request the service cannot serve, with the HTTP status and code it answers with. */
public class CredentialRefusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public CredentialRefusal(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
