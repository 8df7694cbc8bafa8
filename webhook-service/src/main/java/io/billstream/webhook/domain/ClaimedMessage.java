package io.billstream.webhook.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message this instance holds the lease of, with what an attempt needs from its endpoint. */
public record ClaimedMessage(String id, String tenantId, String endpointId, String payload, int attempts,
                             int scheduleStep, UUID leaseToken, String url, String secret, String previousSecret,
                             Instant previousSecretExpiresAt, String traceParent) {

    /** Without a stored trace context: attempts start traces of their own. */
    public ClaimedMessage(String id, String tenantId, String endpointId, String payload, int attempts,
                          int scheduleStep, UUID leaseToken, String url, String secret, String previousSecret,
                          Instant previousSecretExpiresAt) {
        this(id, tenantId, endpointId, payload, attempts, scheduleStep, leaseToken, url, secret, previousSecret,
                previousSecretExpiresAt, null);
    }

    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /** Never print secrets, not even by accident in a debug log. */
    @Override
    public String toString() {
        return "ClaimedMessage[id=" + id + ", endpointId=" + endpointId + ", attempts=" + attempts + "]";
    }
}
