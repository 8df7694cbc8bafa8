package io.billstream.invoice.persistence;

import java.time.LocalDate;

/** Filters of {@code GET /v1/invoices} (SPEC §5); null means "any". */
public record InvoiceListQuery(String tenantId, String status, String customerId, String number,
                               LocalDate issuedFrom, LocalDate issuedTo, LocalDate dueBefore, int limit,
                               InvoiceCursor after) {
}
