package io.billstream.document.documents.domain;

/** The newest stored snapshot of one invoice; {@code data} is the InvoiceData JSON. */
public record SnapshotRow(String tenantId, String invoiceId, long invoiceVersion, String status,
                          String invoiceNumber, String pageSha256, String data) {
}
