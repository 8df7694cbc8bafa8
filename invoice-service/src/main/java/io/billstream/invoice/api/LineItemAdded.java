package io.billstream.invoice.api;

public record LineItemAdded(String invoiceId, LineItem lineItem) implements InvoiceEvent {
}
