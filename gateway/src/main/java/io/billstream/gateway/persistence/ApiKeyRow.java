package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.ApiKeyScope;

import java.time.Instant;

public record ApiKeyRow(String id, String tenantId, String name, ApiKeyScope scope, byte[] keyHash, String lastFour,
                        Instant createdAt, Instant revokedAt) {
}
