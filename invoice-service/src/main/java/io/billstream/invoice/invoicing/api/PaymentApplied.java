package io.billstream.invoice.invoicing.api;

import java.math.BigDecimal;

public record PaymentApplied(String invoiceId, String paymentId, BigDecimal amount) implements InvoiceEvent {
}
