package io.billstream.webhook.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.webhook.domain.Notification;

import java.time.Instant;

public record NotificationView(String id, String type, String message, boolean read, Instant createdAt,
                               JsonNode data) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.type(), n.message(), n.read(), n.createdAt(), n.data());
    }
}
