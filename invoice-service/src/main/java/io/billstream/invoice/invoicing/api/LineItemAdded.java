package io.billstream.invoice.invoicing.api;

public record LineItemAdded(String invoiceId, LineItem lineItem) implements InvoiceEvent {
}
