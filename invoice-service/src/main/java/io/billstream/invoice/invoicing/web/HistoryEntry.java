package io.billstream.invoice.invoicing.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.Actor;

import java.time.Instant;

/** One domain event of an invoice as {@code GET /v1/invoices/{id}/history} shows it. */
public record HistoryEntry(long sequence, String type, Instant occurredAt, Actor actor, JsonNode data) {
}
