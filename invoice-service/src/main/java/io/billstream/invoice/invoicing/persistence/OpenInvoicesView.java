package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.customers.domain.OpenInvoices;
import io.billstream.platform.security.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers from the invoice read model. A partly paid invoice is still {@code open} or {@code overdue}, so the
 * two statuses cover the API contract's (§4) "open, overdue or partially paid".
 */
@Component
class OpenInvoicesView implements OpenInvoices {

    private final JdbcTemplate jdbc;

    OpenInvoicesView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean existFor(TenantId tenant, String customerId) {
        Boolean exists = jdbc.queryForObject("""
                select exists (select 1 from invoice_view
                               where tenant_id = ? and customer_id = ? and status in ('open', 'overdue'))""",
                Boolean.class, tenant.value(), customerId);
        return Boolean.TRUE.equals(exists);
    }
}
