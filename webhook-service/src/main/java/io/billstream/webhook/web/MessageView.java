package io.billstream.webhook.web;

import io.billstream.webhook.domain.Message;

import java.time.Instant;

/** A webhook message; {@code id} is the {@code webhook-id} header of each of its attempts. */
public record MessageView(String id, String endpointId, String eventId, String type, String status, int attempts,
                          Instant nextAttemptAt, Instant createdAt) {

    static MessageView of(Message m) {
        return new MessageView(m.id(), m.endpointId(), m.eventId(), m.type(), m.status(), m.attempts(),
                m.nextAttemptAt(), m.createdAt());
    }
}
