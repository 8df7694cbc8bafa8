package io.billstream.platform.events.data;

import java.time.Instant;

/**
 * {@code data} of payment.* events. For payment.refunded, {@code refund} names the refund just made and
 * {@code refundedAmount} is the payment's running total of refunds.
 */
public record PaymentData(String id, String invoiceId, String amount, String currency, String method,
                          String reference, String status, Instant paidAt, String refundedAmount,
                          Instant createdAt, RefundData refund) {
}
