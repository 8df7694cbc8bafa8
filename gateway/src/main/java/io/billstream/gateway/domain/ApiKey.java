package io.billstream.gateway.domain;


import java.time.Instant;

public record ApiKey(String id, String tenantId, String name, ApiKeyScope scope, byte[] keyHash, String lastFour,
                        Instant createdAt, Instant revokedAt) {
}
