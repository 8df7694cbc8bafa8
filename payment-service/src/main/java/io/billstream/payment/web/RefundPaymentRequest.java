package io.billstream.payment.web;

import io.billstream.payment.api.RefundPayment;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** {@code POST /v1/payments/{id}/refunds}; the currency is the payment's. */
public record RefundPaymentRequest(@NotNull BigDecimal amount, @Size(max = 500) String reason) {

    RefundPayment toCommand() {
        return new RefundPayment(amount, reason);
    }
}
