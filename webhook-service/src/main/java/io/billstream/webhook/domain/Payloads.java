package io.billstream.webhook.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The delivery body {@code {"type", "timestamp", "data"}}. It is rendered once, when the message is created, and
 * stored: every retry then sends (and signs) exactly the same bytes.
 */
public final class Payloads {

    private Payloads() {
    }

    public static String body(ObjectMapper mapper, String type, Instant timestamp, JsonNode data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.set("data", data == null ? mapper.nullNode() : data);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render webhook body", e);
        }
    }
}
