package io.billstream.invoice.api;

public record InvoicePaid(String invoiceId) implements InvoiceEvent {
}
