package io.billstream.gateway.web;

import io.billstream.gateway.domain.ApiKey;

import java.time.Instant;

public record ApiKeyView(String id, String name, String scope, String lastFour, Instant createdAt, Instant revokedAt) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.scope().wire(), key.lastFour(), key.createdAt(),
                key.revokedAt());
    }
}
