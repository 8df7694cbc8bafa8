package io.billstream.invoice.invoicing.api;

import java.math.BigDecimal;

/** Part of a credit note's refund could not be made; the credit note shows refundStatus "failed". */
public record CreditNoteRefundFailed(String invoiceId, String creditNoteId, BigDecimal unrefundedAmount,
                                     String reason) implements InvoiceEvent {
}
