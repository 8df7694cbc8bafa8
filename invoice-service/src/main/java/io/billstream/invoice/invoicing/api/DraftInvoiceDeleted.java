package io.billstream.invoice.invoicing.api;

public record DraftInvoiceDeleted(String invoiceId) implements InvoiceEvent {
}
