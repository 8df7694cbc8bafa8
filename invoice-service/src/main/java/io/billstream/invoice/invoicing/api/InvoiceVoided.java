package io.billstream.invoice.invoicing.api;

public record InvoiceVoided(String invoiceId, String reason) implements InvoiceEvent {
}
