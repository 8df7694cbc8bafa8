package io.billstream.invoice.invoicing.api;

/** The run of a recurring schedule that generated an invoice (API contract §11); absent on invoices created by hand. */
public record RecurringRunRef(String recurringInvoiceId, int runNumber) {
}
