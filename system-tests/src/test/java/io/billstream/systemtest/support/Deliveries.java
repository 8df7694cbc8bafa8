package io.billstream.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.systemtest.support.WebhookReceiver.Delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one endpoint received, read as a subscriber reads it. A webhook message is identified by its
 * {@code webhook-id} (the same on every retry); the event behind it by what its body names (type, resource id and
 * the resource's version), so the receiver can tell a retry (same webhook-id) from a duplicate message (a second
 * webhook-id for the same event) without asking the service.
 */
public record Deliveries(List<Delivery> all, String secret) {

    /** Signatures older or newer than this are refused by Standard Webhooks receivers (replay protection). */
    private static final long TOLERANCE_SECONDS = 5 * 60;

    public int count() {
        return all.size();
    }

    public List<Delivery> ofType(String type) {
        return all.stream().filter(d -> d.type().equals(type)).toList();
    }

    /** The ids the events of {@code type} name: invoice ids for invoice.*, payment ids for payment.*. */
    public Set<String> subjects(String type) {
        Set<String> ids = new TreeSet<>();
        for (Delivery delivery : ofType(type)) {
            ids.add(delivery.data().path("id").asText());
        }
        return ids;
    }

    /** The identity of the event a delivery carries. */
    public static String eventKey(Delivery delivery) {
        JsonNode data = delivery.data();
        String type = delivery.type();
        String id = data.path("id").asText();
        return type + "|" + switch (type) {
            case "payment.recorded", "document.generated" -> id;
            case "payment.refunded" -> id + "/" + data.path("refund").path("id").asText();
            case "webhook.test" -> delivery.webhookId();
            default -> id + "@" + data.path("version").asText();
        };
    }

    /** Deliveries whose signature does not verify with the endpoint's secret, or whose timestamp is stale. */
    public List<String> badSignatures() {
        List<String> bad = new ArrayList<>();
        for (Delivery delivery : all) {
            boolean signed = StandardWebhooks.verify(secret, delivery.webhookId(), delivery.timestamp(),
                    delivery.body(), delivery.signature());
            boolean fresh = delivery.timestamp() != null && delivery.timestamp().matches("\\d+")
                    && Math.abs(delivery.receivedAt().getEpochSecond() - Long.parseLong(delivery.timestamp()))
                    <= TOLERANCE_SECONDS;
            boolean wellFormed = delivery.webhookId() != null && delivery.webhookId().startsWith("msg_");
            if (!signed || !fresh || !wellFormed) {
                bad.add(delivery.webhookId() + " (" + delivery.type() + ", signed=" + signed + ", fresh=" + fresh
                        + ", id ok=" + wellFormed + ")");
            }
        }
        return bad;
    }

    /** Events that arrived under more than one webhook-id: the same event delivered as two messages. */
    public Map<String, Set<String>> duplicateMessages() {
        Map<String, Set<String>> idsByEvent = new LinkedHashMap<>();
        for (Delivery delivery : all) {
            idsByEvent.computeIfAbsent(eventKey(delivery), k -> new LinkedHashSet<>()).add(delivery.webhookId());
        }
        idsByEvent.values().removeIf(ids -> ids.size() < 2);
        return idsByEvent;
    }

    /** webhook-ids whose retries did not carry exactly the bytes of the first attempt. */
    public Set<String> retriesWithChangedBody() {
        Map<String, byte[]> first = new LinkedHashMap<>();
        Set<String> changed = new TreeSet<>();
        for (Delivery delivery : all) {
            byte[] seen = first.putIfAbsent(delivery.webhookId(), delivery.body());
            if (seen != null && !Arrays.equals(seen, delivery.body())) {
                changed.add(delivery.webhookId());
            }
        }
        return changed;
    }

    public long distinctMessages() {
        return all.stream().map(Delivery::webhookId).distinct().count();
    }

    /** Deliveries beyond the first of their webhook-id (at-least-once repeats). */
    public long repeatedDeliveries() {
        return count() - distinctMessages();
    }
}
