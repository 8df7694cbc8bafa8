package io.billstream.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.IntegrationEvent;

/** JSON (CloudEvents structured mode) to and from Kafka record values, and typed access to {@code data}. */
public class IntegrationEventCodec {

    private final ObjectMapper mapper;

    public IntegrationEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(IntegrationEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + event.id(), e);
        }
    }

    public IntegrationEvent decode(String json) {
        try {
            return mapper.readValue(json, IntegrationEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not an integration event: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T data(IntegrationEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event " + event.id() + " has unreadable data", e);
        }
    }

    public com.fasterxml.jackson.databind.JsonNode toTree(Object data) {
        return mapper.valueToTree(data);
    }

    /**
     * {@code data} for an event this process only encodes (a publisher's, an outbox's): a node holding the object
     * itself, which {@link #encode} writes straight from it, to the same JSON as {@link #toTree}. A tree was built
     * only to be walked again by the encoder: the two were 6.1 % of invoice-service's CPU samples at 100
     * payments/s, the encoding alone 3.1 % after (docs/benchmarks.md, row 33). Its fields cannot be read in
     * process; use {@link #toTree} for that.
     */
    public com.fasterxml.jackson.databind.JsonNode dataOf(Object data) {
        return mapper.getNodeFactory().pojoNode(data);
    }

    /** A record that can never be processed; it goes straight to the dead-letter topic. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
