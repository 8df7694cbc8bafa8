package io.billstream.webhook.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An entry of the tenant's in-app feed; {@code data} holds the few fields of the event it tells about. */
public record Notification(String id, String type, String message, boolean read, Instant createdAt,
                           JsonNode data) {
}
