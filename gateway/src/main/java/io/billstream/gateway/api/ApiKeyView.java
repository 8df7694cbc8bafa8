package io.billstream.gateway.api;

import io.billstream.gateway.persistence.ApiKeyRow;

import java.time.Instant;

public record ApiKeyView(String id, String name, String scope, String lastFour, Instant createdAt, Instant revokedAt) {

    public static ApiKeyView of(ApiKeyRow row) {
        return new ApiKeyView(row.id(), row.name(), row.scope().wire(), row.lastFour(), row.createdAt(),
                row.revokedAt());
    }
}
