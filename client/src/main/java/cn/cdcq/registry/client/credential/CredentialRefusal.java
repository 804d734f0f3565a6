package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.client.api.CodedException;
import org.springframework.http.HttpStatus;

/**
 * A credential request the service cannot serve ({@code HOLDER_MISMATCH}, {@code OTHER_REGION},
 * ...), answered as every coded refusal is, with the HTTP status it names.
 */
public class CredentialRefusal extends CodedException {

    private static final long serialVersionUID = 1L;

    public CredentialRefusal(HttpStatus status, String code, String message) {
        super(status.value(), code, message, null);
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(httpStatus());
    }
}
