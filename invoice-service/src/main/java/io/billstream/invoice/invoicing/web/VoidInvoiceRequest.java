package io.billstream.invoice.invoicing.web;

import jakarta.validation.constraints.Size;

public record VoidInvoiceRequest(@Size(max = 500, message = "must be at most 500 characters") String reason) {
}
