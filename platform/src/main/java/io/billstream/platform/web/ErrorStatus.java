package io.billstream.platform.web;

import io.billstream.platform.errors.ErrorCode;
import org.springframework.http.HttpStatus;

/** The one place a domain {@link ErrorCode} becomes an HTTP status (docs/api-reference.md, "Errors"). */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case MALFORMED_JSON, MALFORMED_REQUEST, UNKNOWN_FIELD -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case VERSION_MISMATCH -> HttpStatus.PRECONDITION_FAILED;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, INVOICE_NOT_DRAFT, INVOICE_HAS_NO_LINES,
                 INVOICE_HAS_PAYMENTS, INVOICE_NOT_PAYABLE, INVOICE_IS_DRAFT, INVOICE_NOT_CREDITABLE,
                 CUSTOMER_HAS_OPEN_INVOICES, DUPLICATE_USERNAME, DUPLICATE_EMAIL, SCHEDULE_NOT_ACTIVE,
                 SCHEDULE_NOT_PAUSED -> HttpStatus.CONFLICT;
            case VALIDATION_FAILED, CURRENCY_MISMATCH, AMOUNT_EXCEEDS_DUE, AMOUNT_NOT_POSITIVE, REFUND_EXCEEDS_PAYMENT,
                 CREDIT_EXCEEDS_INVOICE, URL_NOT_ALLOWED, NO_RECIPIENT, EINVOICE_INCOMPLETE ->
                    HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    /** The code of a status that Tomcat or Spring chose before any of our code ran. */
    public static ErrorCode codeOf(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
    }
}
