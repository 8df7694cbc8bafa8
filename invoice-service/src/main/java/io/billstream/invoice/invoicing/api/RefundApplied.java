package io.billstream.invoice.invoicing.api;

import java.math.BigDecimal;

/**
 * {@code status} is the invoice's status afterwards (a refund reopens a paid invoice as open or overdue).
 * {@code creditNoteId}: the credit note this refund paid out (null for a refund made directly; absent in events
 * stored before credit notes).
 */
public record RefundApplied(String invoiceId, String refundId, String paymentId, BigDecimal amount, String status,
                            String creditNoteId) implements InvoiceEvent {

    public RefundApplied(String invoiceId, String refundId, String paymentId, BigDecimal amount, String status) {
        this(invoiceId, refundId, paymentId, amount, status, null);
    }
}
