package io.billstream.payment.web;

import io.billstream.payment.api.RecordPayment;
import io.billstream.payment.domain.PaymentMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code POST /v1/payments}. {@code amount} is a BigDecimal so a JSON string or number is taken exactly;
 * {@code method} is a string so a bad value is a 422 with {@code errors[]}, not a 400 from Jackson.
 */
public record RecordPaymentRequest(
        @NotBlank @Size(max = 64) String invoiceId,
        @NotNull BigDecimal amount,
        @NotBlank String currency,
        @NotNull @Pattern(regexp = PaymentMethod.WIRE_PATTERN, message = "must be one of " + PaymentMethod.WIRE_PATTERN)
        String method,
        @Size(max = 100) String reference,
        Instant paidAt) {

    RecordPayment toCommand() {
        return new RecordPayment(invoiceId, amount, currency, method, reference, paidAt);
    }
}
