package io.billstream.gateway.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The newest version of an invoice its tenant was answered with, in the shared gateway database (any instance). */
@Repository
public class SeenInvoiceVersions {

    private final JdbcClient jdbc;

    public SeenInvoiceVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void note(String tenantId, String invoiceId, long version, Instant now) {
        jdbc.sql("""
                        insert into seen_invoice_version (tenant_id, invoice_id, version, seen_at) values (?, ?, ?, ?)
                        on conflict (tenant_id, invoice_id) do update
                          set version = greatest(seen_invoice_version.version, excluded.version),
                              seen_at = excluded.seen_at""")
                .params(tenantId, invoiceId, version, Timestamp.from(now)).update();
    }

    public Optional<Long> find(String tenantId, String invoiceId, Instant since) {
        return jdbc.sql("""
                        select version from seen_invoice_version
                        where tenant_id = ? and invoice_id = ? and seen_at >= ?""")
                .params(tenantId, invoiceId, Timestamp.from(since)).query(Long.class).optional();
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from seen_invoice_version where seen_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
