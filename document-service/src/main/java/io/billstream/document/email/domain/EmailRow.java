package io.billstream.document.email.domain;

import io.billstream.document.email.api.EmailData;

import java.time.Instant;
import java.util.List;

/** One row of the {@code email} table. */
public record EmailRow(String id, String tenantId, String invoiceId, EmailKind kind, List<String> to, List<String> cc,
                       String subject, String message, String messageId, String status, int attempts,
                       String lastError, Instant sentAt, Instant createdAt) {

    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    /** The email as invoice.sent and email.failed carry it. */
    public EmailData toData() {
        return new EmailData(id, kind.wire(), invoiceId, to, cc, subject, status, attempts, lastError, messageId,
                sentAt, createdAt);
    }
}
