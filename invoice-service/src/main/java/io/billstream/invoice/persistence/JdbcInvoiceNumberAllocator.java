package io.billstream.invoice.persistence;

import io.billstream.invoice.domain.InvoiceNumberAllocator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code insert ... on conflict do update ... returning}: the row lock is held until the issuing transaction ends,
 * so concurrent issues in one tenant and year queue up and each sees the previous one's committed value, also across
 * instances. {@link Propagation#MANDATORY}: called outside the command's transaction it would leak numbers.
 */
@Component
class JdbcInvoiceNumberAllocator implements InvoiceNumberAllocator {

    private final JdbcTemplate jdbc;

    JdbcInvoiceNumberAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String tenantId, int year) {
        Long value = jdbc.queryForObject("""
                insert into invoice_number_counter (tenant_id, year, last_value) values (?, ?, 1)
                on conflict (tenant_id, year) do update set last_value = invoice_number_counter.last_value + 1
                returning last_value""", Long.class, tenantId, year);
        return value;
    }
}
