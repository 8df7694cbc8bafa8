package io.billstream.invoice.invoicing.api;

public record InvoiceMarkedUncollectible(String invoiceId) implements InvoiceEvent {
}
