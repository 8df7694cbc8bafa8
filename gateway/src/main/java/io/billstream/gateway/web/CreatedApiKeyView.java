package io.billstream.gateway.web;

import io.billstream.gateway.domain.ApiKeyService;

import java.time.Instant;

/** @param key the secret, shown only in this response */
public record CreatedApiKeyView(String id, String name, String scope, String key, String lastFour, Instant createdAt) {

    public static CreatedApiKeyView of(ApiKeyService.Created created) {
        return new CreatedApiKeyView(created.key().id(), created.key().name(), created.key().scope().wire(),
                created.secret(), created.key().lastFour(), created.key().createdAt());
    }
}
