package io.billstream.document.email.api;

import java.time.Instant;
import java.util.List;

/**
 * An email inside the {@code invoice.sent} and {@code email.failed} integration events: the same fields, in the same
 * order, as the API's email resource, so a consumer reads one shape in both places.
 */
public record EmailData(String id, String kind, String invoiceId, List<String> to, List<String> cc, String subject,
                        String status, int attempts, String lastError, String messageId, Instant sentAt,
                        Instant createdAt) {
}
