package io.billstream.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;
import io.billstream.platform.money.CurrencyMismatchException;
import io.billstream.platform.money.InvalidMoneyException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.time.Duration;
import java.util.List;

/**
 * The one error → problem+json mapping every service uses (docs/api-reference.md §2). Bad input never becomes a 500 and no
 * body ever carries a stack trace; unexpected failures are logged here with the request id and answered with
 * a generic 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> api(DomainException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(InvalidMoneyException.class)
    ResponseEntity<ProblemDetail> money(InvalidMoneyException e) {
        return Problems.response(DomainException.validation("amount", e.getMessage()));
    }

    @ExceptionHandler(CurrencyMismatchException.class)
    ResponseEntity<ProblemDetail> currency(CurrencyMismatchException e) {
        return Problems.response(DomainException.of(ErrorCode.CURRENCY_MISMATCH, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.of(unknown);
            return problem(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'.",
                    List.of(new FieldViolation(field, "is not a known field")));
        }
        if (cause instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof DomainException api) {
            return Problems.response(api);
        }
        if (cause instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof IllegalArgumentException invalid) {
            String field = JsonPaths.of(instantiation);
            return Problems.response(DomainException.validation(field, invalid.getMessage()));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = JsonPaths.of(mismatch);
            String detail = field.isEmpty() ? "The request body has the wrong shape."
                    : "Field '" + field + "' has the wrong type.";
            return problem(ErrorCode.MALFORMED_REQUEST, detail,
                    field.isEmpty() ? List.of() : List.of(new FieldViolation(field, "has the wrong type")));
        }
        if (cause instanceof JsonMappingException mapping) {
            String field = JsonPaths.of(mapping);
            return problem(ErrorCode.MALFORMED_REQUEST, "The request body has the wrong shape.",
                    field.isEmpty() ? List.of() : List.of(new FieldViolation(field, "is not valid here")));
        }
        if (cause instanceof JsonProcessingException) {
            return problem(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.",
                    List.of());
        }
        return problem(ErrorCode.MALFORMED_JSON, "The request body is missing or unreadable.",
                List.of());
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> invalid(BindException e) {
        List<FieldViolation> errors = e.getFieldErrors().stream()
                .map(f -> new FieldViolation(f.getField(), f.getDefaultMessage()))
                .toList();
        return Problems.response(DomainException.validation(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalid(HandlerMethodValidationException e) {
        List<FieldViolation> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldViolation(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return Problems.response(DomainException.validation(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalid(ConstraintViolationException e) {
        List<FieldViolation> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return Problems.response(DomainException.validation(errors));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(DomainException.validation(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(ErrorCode.MALFORMED_REQUEST,
                "Header '" + e.getHeaderName() + "' is required.", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(DomainException.validation(e.getName(), "has an invalid value"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json.", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation.",
                List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here.", List.of());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> noRoute(Exception e) {
        return problem(ErrorCode.NOT_FOUND, "No such resource.", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The body exceeds 1 MiB.", List.of());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> dependencyDown(Exception e) {
        log.warn("dependency unavailable: {}", e.toString());
        return Problems.response(DomainException.unavailable("A dependency is unavailable; retry shortly.",
                DEPENDENCY_RETRY_AFTER));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged with this request's id.", List.of());
    }

    private static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail, List<FieldViolation> errors) {
        return Problems.response(code, detail, errors, null);
    }
}
