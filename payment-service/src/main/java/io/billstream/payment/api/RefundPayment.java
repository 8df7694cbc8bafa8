package io.billstream.payment.api;

import java.math.BigDecimal;

/** Refund part or all of a payment; the currency is the payment's. */
public record RefundPayment(BigDecimal amount, String reason) {
}
