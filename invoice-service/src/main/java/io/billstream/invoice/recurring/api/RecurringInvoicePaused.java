package io.billstream.invoice.recurring.api;

/** {@code reason} is null when a user paused; "customer_unavailable" when a run found its customer archived. */
public record RecurringInvoicePaused(String recurringInvoiceId, String reason) implements RecurringInvoiceEvent {

    public static final String CUSTOMER_UNAVAILABLE = "customer_unavailable";
}
