package io.billstream.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/**
 * A failure the client can act on, rendered as RFC 9457 problem+json with a stable {@code code}.
 * Domain code throws the factory methods below instead of building responses itself.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldViolation> errors,
                        Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, detail);
    }

    public static ApiException validation(List<FieldViolation> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCodes.VALIDATION_FAILED,
                "The request has invalid fields.", errors, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldViolation(field, message)));
    }

    public static ApiException versionMismatch(long current) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, ErrorCodes.VERSION_MISMATCH,
                "If-Match does not match the current version " + current + ".");
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException unavailable(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE, detail, List.of(),
                retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
