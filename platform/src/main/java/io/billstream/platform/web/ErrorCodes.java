package io.billstream.platform.web;

/** The stable problem {@code code}s of SPEC §2 — the same word in every service. */
public final class ErrorCodes {
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String MALFORMED_REQUEST = "malformed_request";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String VERSION_MISMATCH = "version_mismatch";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
    public static final String INVOICE_NOT_DRAFT = "invoice_not_draft";
    public static final String INVOICE_HAS_NO_LINES = "invoice_has_no_lines";
    public static final String INVOICE_HAS_PAYMENTS = "invoice_has_payments";
    public static final String INVOICE_NOT_PAYABLE = "invoice_not_payable";
    public static final String CUSTOMER_HAS_OPEN_INVOICES = "customer_has_open_invoices";
    public static final String CURRENCY_MISMATCH = "currency_mismatch";
    public static final String AMOUNT_EXCEEDS_DUE = "amount_exceeds_due";
    public static final String AMOUNT_NOT_POSITIVE = "amount_not_positive";
    public static final String REFUND_EXCEEDS_PAYMENT = "refund_exceeds_payment";
    public static final String INVOICE_NOT_CREDITABLE = "invoice_not_creditable";
    public static final String CREDIT_EXCEEDS_INVOICE = "credit_exceeds_invoice";
    public static final String URL_NOT_ALLOWED = "url_not_allowed";
    public static final String DUPLICATE_USERNAME = "duplicate_username";
    public static final String DUPLICATE_EMAIL = "duplicate_email";
    public static final String SCHEDULE_NOT_ACTIVE = "schedule_not_active";
    public static final String SCHEDULE_NOT_PAUSED = "schedule_not_paused";
    /** SPEC §14: the invoice lacks data EN 16931 requires; {@code errors[]} names each field. */
    public static final String EINVOICE_INCOMPLETE = "einvoice_incomplete";

    private ErrorCodes() {
    }
}
