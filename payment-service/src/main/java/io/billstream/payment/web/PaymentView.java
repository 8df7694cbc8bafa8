package io.billstream.payment.web;

import io.billstream.payment.domain.Payment;

import java.time.Instant;

public record PaymentView(String id, String invoiceId, String amount, String currency, String method,
                          String reference, String status, Instant paidAt, String refundedAmount,
                          Instant createdAt) {

    public static PaymentView of(Payment p) {
        return new PaymentView(p.id(), p.invoiceId(), p.amount().toPlainString(), p.amount().currencyCode(),
                p.method().wire(), p.reference(), p.status(), p.paidAt(), p.refundedAmount().toPlainString(),
                p.createdAt());
    }
}
