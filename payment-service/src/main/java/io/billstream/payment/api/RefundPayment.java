package io.billstream.payment.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** {@code POST /v1/payments/{id}/refunds}; the currency is the payment's. */
public record RefundPayment(@NotNull BigDecimal amount, @Size(max = 500) String reason) {
}
