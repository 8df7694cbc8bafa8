package io.billstream.invoice.api;

public record InvoiceBecameOverdue(String invoiceId) implements InvoiceEvent {
}
