package io.billstream.webhook.web;

import java.time.Instant;

/** What {@code POST /v1/webhook-endpoints/{id}/recover} re-queued. */
public record RecoveryView(String endpointId, Instant since, int requeued) {
}
