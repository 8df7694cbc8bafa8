package io.billstream.invoice.invoicing.api;

public record InvoiceBecameOverdue(String invoiceId) implements InvoiceEvent {
}
