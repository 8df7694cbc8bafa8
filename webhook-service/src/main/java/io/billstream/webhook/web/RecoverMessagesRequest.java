package io.billstream.webhook.web;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** {@code POST /v1/webhook-endpoints/{id}/recover}. */
public record RecoverMessagesRequest(@NotNull Instant since) {
}
