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

    /** A record that can never be processed; it goes straight to the dead-letter topic. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
