package io.billstream.document.documents.domain;

import java.time.Instant;

/** A stored render without its bytes (they are read only when a client needs them). */
public record RenderRow(String id, String tenantId, String invoiceId, long invoiceVersion, String invoiceNumber,
                        String pageSha256, String sha256, long sizeBytes, Instant createdAt) {
}
