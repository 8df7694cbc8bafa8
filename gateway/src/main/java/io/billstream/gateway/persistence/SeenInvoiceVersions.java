package io.billstream.gateway.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The newest version of an invoice its tenant was answered with, in the shared gateway database (any instance). */
@Repository
public class SeenInvoiceVersions {

    /**
     * Far longer than an event takes to reach payment-service on a machine under load, and short enough that a
     * version payment-service can never reach (an invoice event some future change leaves unpublished) costs at
     * most a minute of 503s before payments fall back to the ledger as it is.
     */
    public static final Duration KEPT = Duration.ofMinutes(1);

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
