package io.billstream.invoice.invoicing.api;

import java.math.BigDecimal;

/** {@code month} counts full calendar months past the due date (1 for the first fee). */
public record LateFeeAssessed(String invoiceId, int month, BigDecimal amount) implements InvoiceEvent {
}
