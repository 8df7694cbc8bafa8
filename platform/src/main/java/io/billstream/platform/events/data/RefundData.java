package io.billstream.platform.events.data;

import java.time.Instant;

/** {@code creditNoteId}: the credit note (docs/api-reference.md §13) this refund pays out, null for a refund asked for directly. */
public record RefundData(String id, String paymentId, String amount, String reason, Instant createdAt,
                         String creditNoteId) {

    public RefundData(String id, String paymentId, String amount, String reason, Instant createdAt) {
        this(id, paymentId, amount, reason, createdAt, null);
    }
}
