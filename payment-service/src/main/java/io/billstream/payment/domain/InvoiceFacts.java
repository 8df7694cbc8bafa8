package io.billstream.payment.domain;

import java.math.BigDecimal;

/** What the ledger takes from an invoice event: the invoice's facts at {@code version}, never the amount paid. */
public record InvoiceFacts(String invoiceId, String tenantId, String currency, BigDecimal total, InvoiceStatus status,
                           long version, BigDecimal credited) {
}
