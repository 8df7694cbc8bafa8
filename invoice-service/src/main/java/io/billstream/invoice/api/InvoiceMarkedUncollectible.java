package io.billstream.invoice.api;

public record InvoiceMarkedUncollectible(String invoiceId) implements InvoiceEvent {
}
