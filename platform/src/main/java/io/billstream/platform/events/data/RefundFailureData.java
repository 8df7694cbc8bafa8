package io.billstream.platform.events.data;

import java.time.Instant;

/**
 * {@code data} of payment.refund_failed: payment-service could not pay back all of a credit note's
 * {@code requestedAmount} against the invoice's payments; {@code refundedAmount} was refunded (payment.refunded
 * events), {@code unrefundedAmount} was not and needs a person.
 */
public record RefundFailureData(String creditNoteId, String invoiceId, String currency, String requestedAmount,
                                String refundedAmount, String unrefundedAmount, String reason, Instant failedAt) {
}
