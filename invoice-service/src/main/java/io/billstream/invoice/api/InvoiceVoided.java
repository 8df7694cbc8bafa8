package io.billstream.invoice.api;

public record InvoiceVoided(String invoiceId, String reason) implements InvoiceEvent {
}
