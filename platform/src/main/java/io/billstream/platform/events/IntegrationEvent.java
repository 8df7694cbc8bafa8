package io.billstream.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The Kafka envelope of docs/api-reference.md §9: CloudEvents 1.0 attributes in structured JSON mode, plus {@code tenantid}
 * and {@code sequence} (the aggregate's version, so receivers can order). {@code data} is a self-contained
 * snapshot, so no consumer needs a synchronous call back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationEvent(
        @JsonProperty("specversion") String specVersion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        @JsonProperty("tenantid") String tenantId,
        long sequence,
        @JsonProperty("datacontenttype") String dataContentType,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public static IntegrationEvent of(String id, String source, String type, String subject, Instant time,
                                      String tenantId, long sequence, JsonNode data) {
        return new IntegrationEvent(SPEC_VERSION, id, source, type, subject, time, tenantId, sequence,
                "application/json", data);
    }

    /** The Kafka topic an event of this type belongs to. */
    public String topic() {
        return Topics.forType(type);
    }
}
