package io.billstream.invoice.invoicing.persistence;

import io.billstream.platform.paging.KeysetCursor;
import java.time.LocalDate;

/** Filters of {@code GET /v1/invoices} (API contract §5, §11); null means "any". */
public record InvoiceListQuery(String tenantId, String status, String customerId, String number,
                               LocalDate issuedFrom, LocalDate issuedTo, LocalDate dueBefore, int limit,
                               KeysetCursor after, String recurringInvoiceId) {

    public InvoiceListQuery(String tenantId, String status, String customerId, String number, LocalDate issuedFrom,
                            LocalDate issuedTo, LocalDate dueBefore, int limit, KeysetCursor after) {
        this(tenantId, status, customerId, number, issuedFrom, issuedTo, dueBefore, limit, after, null);
    }
}
