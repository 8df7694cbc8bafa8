package io.billstream.webhook.api;

import java.util.List;

/** Register a webhook endpoint for the caller's tenant; {@code events} are catalog types, or {@code ["*"]}. */
public record CreateEndpoint(String url, List<String> events, String description) {
}
