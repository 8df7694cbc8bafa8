package io.billstream.platform.events.data;

import java.time.Instant;

/** {@code data} of document.generated: one stored render of an invoice at a given invoice version. */
public record DocumentData(String id, String invoiceId, String invoiceNumber, long invoiceVersion, String sha256,
                           long sizeBytes, String contentType, Instant generatedAt, String creditNoteId) {

    /** An invoice's PDF; {@code creditNoteId} is set only on the PDF of a credit note (docs/api-reference.md §13). */
    public DocumentData(String id, String invoiceId, String invoiceNumber, long invoiceVersion, String sha256,
                        long sizeBytes, String contentType, Instant generatedAt) {
        this(id, invoiceId, invoiceNumber, invoiceVersion, sha256, sizeBytes, contentType, generatedAt, null);
    }
}
