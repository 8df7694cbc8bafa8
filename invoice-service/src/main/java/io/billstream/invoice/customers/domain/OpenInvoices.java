package io.billstream.invoice.customers.domain;

import io.billstream.platform.security.TenantId;

/** Whether a customer still has open, overdue or partly paid invoices (drafts do not count), API contract §4. */
public interface OpenInvoices {
    boolean existFor(TenantId tenant, String customerId);
}
