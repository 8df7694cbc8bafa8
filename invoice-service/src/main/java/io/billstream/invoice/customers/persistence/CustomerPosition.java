package io.billstream.invoice.customers.persistence;

import java.time.Instant;

/** Where a customer list page ended: the sort key of its last row. */
public record CustomerPosition(Instant createdAt, String id) {
}
