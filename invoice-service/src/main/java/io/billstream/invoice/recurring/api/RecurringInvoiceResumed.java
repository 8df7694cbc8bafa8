package io.billstream.invoice.recurring.api;

/** {@code nextPeriod}: the index of the next run date; the periods missed while paused are skipped. */
public record RecurringInvoiceResumed(String recurringInvoiceId, int nextPeriod) implements RecurringInvoiceEvent {
}
