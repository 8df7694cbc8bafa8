package io.billstream.webhook.domain;

import java.time.Instant;
import java.util.List;

/** A tenant's webhook endpoint. {@code previousSecret} still signs until {@code previousSecretExpiresAt}. */
public record Endpoint(String id, String tenantId, String url, List<String> events, EndpointStatus status,
                       String description, String secret, String previousSecret, Instant previousSecretExpiresAt,
                       long version, Instant createdAt, Instant updatedAt) {

    public static final String ALL_EVENTS = "*";

    /** The secrets that sign a delivery made at {@code now}: the current one, and the previous during overlap. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }
}
