package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.domain.CreditNoteNumberAllocator;
import io.billstream.invoice.invoicing.domain.InvoiceNumberAllocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code insert ... on conflict do update ... returning}: the row lock is held until the issuing transaction ends,
 * so concurrent issues in one tenant, series and year queue up and each sees the previous one's committed value,
 * also across instances. {@link Propagation#MANDATORY}: called outside the command's transaction it would leak
 * numbers. Invoices and credit notes (API contract §13) are two series of the same counter table.
 */
@Component
class JdbcInvoiceNumberAllocator {

    static final String INVOICES = "invoice";
    static final String CREDIT_NOTES = "credit_note";

    private final JdbcTemplate jdbc;

    JdbcInvoiceNumberAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String tenantId, String series, int year) {
        Long value = jdbc.queryForObject("""
                insert into invoice_number_counter (tenant_id, series, year, last_value) values (?, ?, ?, 1)
                on conflict (tenant_id, series, year)
                    do update set last_value = invoice_number_counter.last_value + 1
                returning last_value""", Long.class, tenantId, series, year);
        return value;
    }

    @Configuration(proxyBeanMethods = false)
    static class Series {

        @Bean
        InvoiceNumberAllocator invoiceNumberAllocator(JdbcInvoiceNumberAllocator counters) {
            return (tenantId, year) -> counters.next(tenantId, INVOICES, year);
        }

        @Bean
        CreditNoteNumberAllocator creditNoteNumberAllocator(JdbcInvoiceNumberAllocator counters) {
            return (tenantId, year) -> counters.next(tenantId, CREDIT_NOTES, year);
        }
    }
}
