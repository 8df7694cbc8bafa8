package io.billstream.platform.errors;

import java.time.Duration;
import java.util.List;

/**
 * A failure the client can act on, named by a stable {@link ErrorCode}. Thrown by aggregates, domain services and
 * consumers alike; it carries no HTTP status (the web edge maps the code once), so the domain stays free of HTTP.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public DomainException(ErrorCode code, String detail, List<FieldViolation> errors, Duration retryAfter) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static DomainException of(ErrorCode code, String detail) {
        return new DomainException(code, detail);
    }

    /** Unknown and another tenant's resources read the same, so nothing leaks across tenants. */
    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static DomainException validation(List<FieldViolation> errors) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors, null);
    }

    public static DomainException validation(String field, String message) {
        return validation(List.of(new FieldViolation(field, message)));
    }

    public static DomainException versionMismatch(long current) {
        return new DomainException(ErrorCode.VERSION_MISMATCH,
                "If-Match does not match the current version " + current + ".");
    }

    public static DomainException unavailable(String detail, Duration retryAfter) {
        return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, detail, List.of(), retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    /** How long a client should wait before retrying; null when retrying soon will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
