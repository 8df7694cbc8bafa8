package io.billstream.webhook.api;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

public record RecoverMessages(@NotNull Instant since) {
}
