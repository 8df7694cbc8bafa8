package io.billstream.platform.events.data;

import java.time.Instant;

public record RefundData(String id, String paymentId, String amount, String reason, Instant createdAt) {
}
