package io.billstream.payment.api;

import io.billstream.payment.domain.Refund;

import java.time.Instant;

public record RefundView(String id, String paymentId, String amount, String currency, String reason,
                         Instant createdAt) {

    public static RefundView of(Refund r) {
        return new RefundView(r.id(), r.paymentId(), r.amount().toPlainString(), r.amount().currencyCode(),
                r.reason(), r.createdAt());
    }
}
