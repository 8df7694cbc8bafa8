package io.billstream.gateway.api;

import java.time.Instant;

/** @param key the secret, shown only in this response */
public record ApiKeyCreated(String id, String name, String scope, String key, String lastFour, Instant createdAt) {
}
