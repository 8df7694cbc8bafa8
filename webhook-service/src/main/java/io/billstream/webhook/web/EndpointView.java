package io.billstream.webhook.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billstream.webhook.domain.Endpoint;

import java.time.Instant;
import java.util.List;

/** An endpoint on the wire; {@code secret} only appears where the API contract shows it (create, rotate). */
public record EndpointView(String id, String url, List<String> events, String status, String description,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String secret, long version,
                           Instant createdAt, Instant updatedAt) {

    public static EndpointView of(Endpoint e) {
        return new EndpointView(e.id(), e.url(), e.events(), e.status().wire(), e.description(), null, e.version(),
                e.createdAt(), e.updatedAt());
    }

    public static EndpointView withSecret(Endpoint e) {
        return new EndpointView(e.id(), e.url(), e.events(), e.status().wire(), e.description(), e.secret(),
                e.version(), e.createdAt(), e.updatedAt());
    }
}
