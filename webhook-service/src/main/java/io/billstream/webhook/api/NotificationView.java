package io.billstream.webhook.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

public record NotificationView(String id, String type, String message, boolean read, Instant createdAt,
                               JsonNode data) {
}
