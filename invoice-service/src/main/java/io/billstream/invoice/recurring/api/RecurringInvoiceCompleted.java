package io.billstream.invoice.recurring.api;

public record RecurringInvoiceCompleted(String recurringInvoiceId) implements RecurringInvoiceEvent {
}
