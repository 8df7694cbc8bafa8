package io.billstream.webhook.web;

import io.billstream.webhook.api.CreateEndpoint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /v1/webhook-endpoints}. */
public record CreateEndpointRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 50) List<@NotNull String> events,
        @Size(max = 200) String description) {

    CreateEndpoint toCommand() {
        return new CreateEndpoint(url, events, description);
    }
}
