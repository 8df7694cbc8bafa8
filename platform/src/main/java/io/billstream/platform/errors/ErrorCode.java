package io.billstream.platform.errors;

import java.util.Locale;

/**
 * Every stable problem {@code code} of the API (docs/api-reference.md, "Errors"), the same word in every service.
 * Domain code raises these through {@link DomainException}; only the web edge (platform {@code ErrorStatus}) turns a
 * code into an HTTP status, so the domain never speaks HTTP.
 */
public enum ErrorCode {
    MALFORMED_JSON,
    MALFORMED_REQUEST,
    UNKNOWN_FIELD,
    VALIDATION_FAILED,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    VERSION_MISMATCH,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    RATE_LIMITED,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR,
    IDEMPOTENCY_KEY_REUSED,
    IDEMPOTENCY_KEY_IN_USE,
    INVOICE_NOT_DRAFT,
    INVOICE_HAS_NO_LINES,
    INVOICE_HAS_PAYMENTS,
    INVOICE_NOT_PAYABLE,
    INVOICE_IS_DRAFT,
    INVOICE_NOT_CREDITABLE,
    CUSTOMER_HAS_OPEN_INVOICES,
    CURRENCY_MISMATCH,
    AMOUNT_EXCEEDS_DUE,
    AMOUNT_NOT_POSITIVE,
    REFUND_EXCEEDS_PAYMENT,
    CREDIT_EXCEEDS_INVOICE,
    URL_NOT_ALLOWED,
    DUPLICATE_USERNAME,
    DUPLICATE_EMAIL,
    SCHEDULE_NOT_ACTIVE,
    SCHEDULE_NOT_PAUSED,
    NO_RECIPIENT,
    EINVOICE_INCOMPLETE;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The word on the wire, e.g. {@code invoice_not_draft}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
