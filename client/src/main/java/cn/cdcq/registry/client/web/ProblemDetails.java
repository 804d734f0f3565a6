package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import org.slf4j.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 9457 problem detail with a {@code code} a client can branch on (the
 * chaincode's error code where the ledger refused) and a {@code detail} a person can act on.
 */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    /** HTTP status for each code; any other code is a 502 (the path to the ledger or the CA failed). */
    static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(ErrorCode.INVALID_INPUT.name(), HttpStatus.BAD_REQUEST),
            Map.entry(ErrorCode.FORBIDDEN.name(), HttpStatus.FORBIDDEN),
            Map.entry(ErrorCode.NOT_FOUND.name(), HttpStatus.NOT_FOUND),
            Map.entry(ErrorCode.ALREADY_EXISTS.name(), HttpStatus.CONFLICT),
            Map.entry(ErrorCode.CONFLICT.name(), HttpStatus.CONFLICT),
            Map.entry(ErrorCode.JOINTLY_RESTRICTED.name(), HttpStatus.CONFLICT),
            Map.entry(ErrorCode.TOO_EARLY.name(), HttpStatus.CONFLICT),
            Map.entry(LedgerException.MVCC_CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ErrorCode.INVALID_SIGNATURE.name(), HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry(LedgerException.BUSY, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(LedgerException.PEER_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(LedgerException.ORDERER_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(LedgerException.CHAINCODE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));

    /** A refusal with a code: the ledger's, the CA's, or a feature's own. */
    @ExceptionHandler(CodedException.class)
    ResponseEntity<ProblemDetail> coded(CodedException e) {
        if (e.httpStatus() != 0) { // a feature's own code, with the status it asked for
            HttpStatus own = HttpStatus.valueOf(e.httpStatus());
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(own);
            if (own == HttpStatus.SERVICE_UNAVAILABLE) {
                answer.header(HttpHeaders.RETRY_AFTER, "5");
            }
            return answer.body(problem(own, e.code(), e.getMessage()));
        }
        HttpStatus status = STATUS.getOrDefault(e.code(), HttpStatus.BAD_GATEWAY);
        if (status == HttpStatus.BAD_GATEWAY) {
            log.warn("{}: {}", e.code(), e.getMessage());
        }
        String detail = status == HttpStatus.SERVICE_UNAVAILABLE ? "busy, retry: " + e.getMessage() : e.getMessage();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return answer.body(problem(status, e.code(), detail));
    }

    /** Refused before the ledger: the first wrong field in {@code field}, every one in {@code errors}. */
    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidRequest e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, e.getCode(), e.getMessage());
        p.setProperty("field", e.field());
        p.setProperty("errors", e.problems().stream().map(f -> Map.of("field", f.field(), "code", f.code(),
                "message", f.message())).toList());
        return ResponseEntity.badRequest().body(p);
    }

    /** A check that named no field (the endpoints name theirs through InvalidRequest; this is the fallback). */
    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getCode(), e.getMessage()));
    }

    /**
     * The service's own data (account files, keys, inboxes) could not be read or written: a fault of
     * the host it runs on (a file's owner or mode, a full disk), not of the request. The operator
     * gets the file and the cause in the log; the caller a code and no path. Seen in the split test
     * (scripts/split-test.sh): an account file written by another Unix user made every call that
     * lists accounts a bare 500.
     */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<ProblemDetail> storage(UncheckedIOException e) {
        log.error("the service's own storage failed: {}", e.getMessage(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                STORAGE, "the service could not read or write its own data; its operator finds which file and why in the service's log"));
    }

    /** The code of {@link #storage}. */
    static final String STORAGE = "SERVICE_STORAGE";

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN.name(), "your account's role may not do this"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.name(), detail.isEmpty() ? "the request body is not valid" : detail);
        e.getBindingResult().getFieldErrors().stream().map(f -> f.getField()).sorted().findFirst()
                .ifPresent(field -> problem.setProperty("field", field));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A body Jackson cannot map (text where a number belongs, an array where an object does)
     * names the field by its JSON path; the value itself is not repeated, as it may be personal data.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (!(e.getMostSpecificCause() instanceof JacksonException json) || json.getPath().isEmpty()) {
            return super.handleHttpMessageNotReadable(e, headers, status, request);
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : json.getPath()) {
            if (step.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        String expected = json instanceof MismatchedInputException m && m.getTargetType() != null
                ? " (expected " + describe(m.getTargetType()) + ")" : "";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "INVALID_JSON", field + ": has the wrong JSON type or form"
                + expected + "; see the API description at /v3/api-docs");
        problem.setProperty("field", field.toString());
        return ResponseEntity.badRequest().body(problem);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "text in quotes";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type.isRecord() ? "an object" : type.getSimpleName();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        // Spring's own refusals (unreadable JSON, wrong method, ...) get a code too.
        if (body instanceof ProblemDetail p && (p.getProperties() == null || !p.getProperties().containsKey("code"))) {
            p.setProperty("code", status.value() == 400 ? ErrorCode.INVALID_INPUT.name() : HttpStatus.valueOf(status.value()).name());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setProperty("code", code);
        return p;
    }
}
