package io.billstream.invoice.recurring.api;

public record RecurringInvoiceCancelled(String recurringInvoiceId) implements RecurringInvoiceEvent {
}
