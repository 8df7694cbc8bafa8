package io.billstream.invoice.invoicing.api;

public record LineItemRemoved(String invoiceId, String lineItemId) implements InvoiceEvent {
}
