package io.billstream.invoice.invoicing.web;

public record VoidInvoiceRequest(String reason) {
}
