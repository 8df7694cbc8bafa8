package io.billstream.payment.domain;

import io.billstream.platform.money.Money;

import java.time.Instant;

public record Refund(String id, String tenantId, String paymentId, Money amount, String reason, Instant createdAt) {
}
