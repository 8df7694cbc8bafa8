package io.billstream.document.email.web;

import io.billstream.document.email.domain.EmailRow;

import java.time.Instant;
import java.util.List;

/** An email as the API shows it. */
public record EmailView(String id, String kind, String invoiceId, List<String> to, List<String> cc, String subject,
                        String status, int attempts, String lastError, String messageId, Instant sentAt,
                        Instant createdAt) {

    static EmailView of(EmailRow row) {
        return new EmailView(row.id(), row.kind().wire(), row.invoiceId(), row.to(), row.cc(), row.subject(),
                row.status(), row.attempts(), row.lastError(), row.messageId(), row.sentAt(), row.createdAt());
    }
}
