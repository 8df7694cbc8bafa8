package io.billstream.payment.domain;

import io.billstream.platform.money.Money;

import java.time.Instant;

/** {@code creditNoteId}: the credit note this refund pays out; null for a refund asked for directly. */
public record Refund(String id, String tenantId, String paymentId, Money amount, String reason, Instant createdAt,
                     String creditNoteId) {

    public Refund(String id, String tenantId, String paymentId, Money amount, String reason, Instant createdAt) {
        this(id, tenantId, paymentId, amount, reason, createdAt, null);
    }
}
