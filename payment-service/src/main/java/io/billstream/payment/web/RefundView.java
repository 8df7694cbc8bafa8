package io.billstream.payment.web;

import io.billstream.payment.domain.Refund;

import java.time.Instant;

/** {@code creditNoteId}: set when the refund pays out a credit note. */
public record RefundView(String id, String paymentId, String amount, String currency, String reason,
                         Instant createdAt, String creditNoteId) {

    public static RefundView of(Refund r) {
        return new RefundView(r.id(), r.paymentId(), r.amount().toPlainString(), r.amount().currencyCode(),
                r.reason(), r.createdAt(), r.creditNoteId());
    }
}
