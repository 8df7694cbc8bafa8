package io.billstream.webhook.web;

import io.billstream.webhook.domain.Attempt;

import java.time.Instant;

/** One delivery attempt; {@code responseBody} holds at most the first 2 KiB of what the receiver answered. */
public record AttemptView(String id, Instant attemptedAt, Integer responseStatus, long latencyMs, String responseBody,
                          String error) {

    static AttemptView of(Attempt a) {
        return new AttemptView(a.id(), a.attemptedAt(), a.responseStatus(), a.latencyMs(), a.responseBody(),
                a.error());
    }
}
