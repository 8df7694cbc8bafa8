package io.billstream.webhook.domain;

import java.time.Instant;

/** One delivery attempt; {@code responseBody} holds at most the first 2 KiB of what the receiver answered. */
public record Attempt(String id, Instant attemptedAt, Integer responseStatus, long latencyMs, String responseBody,
                      String error) {
}
