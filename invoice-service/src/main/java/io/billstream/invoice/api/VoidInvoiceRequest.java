package io.billstream.invoice.api;

public record VoidInvoiceRequest(String reason) {
}
