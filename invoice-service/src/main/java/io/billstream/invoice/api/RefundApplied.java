package io.billstream.invoice.api;

import java.math.BigDecimal;

/** {@code status} is the invoice's status afterwards (a refund reopens a paid invoice as open or overdue). */
public record RefundApplied(String invoiceId, String refundId, String paymentId, BigDecimal amount, String status)
        implements InvoiceEvent {
}
