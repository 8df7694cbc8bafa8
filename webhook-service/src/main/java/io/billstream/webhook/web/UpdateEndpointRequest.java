package io.billstream.webhook.web;

import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.webhook.api.UpdateEndpoint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** PATCH: absent (null) fields stay as they are; an empty description clears it. */
public record UpdateEndpointRequest(
        @Size(min = 1, max = 2048) String url,
        @Size(min = 1, max = 50) List<@NotNull String> events,
        @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String status,
        @Size(max = 200) String description) {

    UpdateEndpoint toCommand(ExpectedVersion expected) {
        return new UpdateEndpoint(url, events, status, description, expected);
    }
}
