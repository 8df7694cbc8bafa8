package io.billstream.invoice.api;

public record LineItemRemoved(String invoiceId, String lineItemId) implements InvoiceEvent {
}
