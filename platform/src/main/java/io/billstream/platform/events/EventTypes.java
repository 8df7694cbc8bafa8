package io.billstream.platform.events;

import java.util.List;

/** The event-type catalog of docs/api-reference.md §8, the same words on Kafka and in webhooks. */
public final class EventTypes {

    public static final String CUSTOMER_CREATED = "customer.created";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String INVOICE_CREATED = "invoice.created";
    public static final String INVOICE_UPDATED = "invoice.updated";
    public static final String INVOICE_ISSUED = "invoice.issued";
    public static final String INVOICE_PAYMENT_APPLIED = "invoice.payment_applied";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String INVOICE_OVERDUE = "invoice.overdue";
    public static final String INVOICE_LATE_FEE_ASSESSED = "invoice.late_fee_assessed";
    public static final String INVOICE_VOIDED = "invoice.voided";
    public static final String INVOICE_MARKED_UNCOLLECTIBLE = "invoice.marked_uncollectible";
    public static final String PAYMENT_RECORDED = "payment.recorded";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    /** payment-service could not refund (all of) what a credit note asked for (docs/api-reference.md §13). */
    public static final String PAYMENT_REFUND_FAILED = "payment.refund_failed";
    public static final String CREDIT_NOTE_ISSUED = "credit_note.issued";
    public static final String DOCUMENT_GENERATED = "document.generated";
    public static final String WEBHOOK_TEST = "webhook.test";
    /** docs/api-reference.md §12, published by document-service (on its topic): an email about an invoice was accepted by SMTP. */
    public static final String INVOICE_SENT = "invoice.sent";
    /** docs/api-reference.md §12: an email was refused for good (5xx) or its retries ran out. */
    public static final String EMAIL_FAILED = "email.failed";
    public static final String RECURRING_INVOICE_CREATED = "recurring_invoice.created";
    public static final String RECURRING_INVOICE_UPDATED = "recurring_invoice.updated";
    public static final String RECURRING_INVOICE_PAUSED = "recurring_invoice.paused";
    public static final String RECURRING_INVOICE_RESUMED = "recurring_invoice.resumed";
    public static final String RECURRING_INVOICE_CANCELLED = "recurring_invoice.cancelled";
    public static final String RECURRING_INVOICE_COMPLETED = "recurring_invoice.completed";

    public static final List<String> CATALOG = List.of(
            CUSTOMER_CREATED, CUSTOMER_UPDATED, INVOICE_CREATED, INVOICE_UPDATED, INVOICE_ISSUED,
            INVOICE_PAYMENT_APPLIED, INVOICE_PAID, INVOICE_OVERDUE, INVOICE_LATE_FEE_ASSESSED, INVOICE_VOIDED,
            INVOICE_MARKED_UNCOLLECTIBLE, PAYMENT_RECORDED, PAYMENT_REFUNDED, DOCUMENT_GENERATED, WEBHOOK_TEST,
            RECURRING_INVOICE_CREATED, RECURRING_INVOICE_UPDATED, RECURRING_INVOICE_PAUSED, RECURRING_INVOICE_RESUMED,
            RECURRING_INVOICE_CANCELLED, RECURRING_INVOICE_COMPLETED, INVOICE_SENT, EMAIL_FAILED, CREDIT_NOTE_ISSUED,
            PAYMENT_REFUND_FAILED);

    private EventTypes() {
    }
}
