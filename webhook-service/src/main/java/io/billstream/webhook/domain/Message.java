package io.billstream.webhook.domain;

import java.time.Instant;

/** A webhook message; {@code id} is the {@code webhook-id} header of each of its attempts. */
public record Message(String id, String endpointId, String eventId, String type, String status, int attempts,
                      Instant nextAttemptAt, Instant createdAt) {
}
