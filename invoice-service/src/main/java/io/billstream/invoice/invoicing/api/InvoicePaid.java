package io.billstream.invoice.invoicing.api;

public record InvoicePaid(String invoiceId) implements InvoiceEvent {
}
