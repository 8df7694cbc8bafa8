package io.billstream.webhook.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** Port: the tenant's in-app notification feed. */
public interface NotificationStore {

    /** A notification and its place in insertion order (the list cursor). */
    record Row(long seq, Notification notification) {
    }

    /** Returns the new notification's id. */
    String insert(String tenantId, String type, String message, JsonNode data);

    /** Newest first, strictly before {@code beforeSeq}. */
    List<Row> list(String tenantId, boolean unreadOnly, long beforeSeq, int limit);

    Optional<Notification> markRead(String tenantId, String id);
}
