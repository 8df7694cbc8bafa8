package io.billstream.invoice.api;

public record DraftInvoiceDeleted(String invoiceId) implements InvoiceEvent {
}
