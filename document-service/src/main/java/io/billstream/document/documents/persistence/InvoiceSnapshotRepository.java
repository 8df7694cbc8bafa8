package io.billstream.document.documents.persistence;

import io.billstream.document.documents.domain.InvoiceSnapshots;
import io.billstream.document.documents.domain.SnapshotRow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.Optional;

@Repository
public class InvoiceSnapshotRepository implements InvoiceSnapshots {

    private static final RowMapper<SnapshotRow> ROW = (rs, i) -> new SnapshotRow(rs.getString("tenant_id"),
            rs.getString("invoice_id"), rs.getLong("invoice_version"), rs.getString("status"),
            rs.getString("invoice_number"), rs.getString("page_sha256"), rs.getString("data"));

    private final JdbcTemplate jdbc;

    public InvoiceSnapshotRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the snapshot unless one of the same or a newer version is already there (events may arrive late or
     * twice). True when this snapshot is now the newest.
     */
    @Override
    public boolean saveIfNewer(SnapshotRow row) {
        return jdbc.update("""
                insert into invoice_snapshot (tenant_id, invoice_id, invoice_version, status, invoice_number,
                                              page_sha256, data, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, now())
                on conflict (tenant_id, invoice_id) do update set
                    invoice_version = excluded.invoice_version, status = excluded.status,
                    invoice_number = excluded.invoice_number, page_sha256 = excluded.page_sha256,
                    data = excluded.data, updated_at = excluded.updated_at
                where invoice_snapshot.invoice_version < excluded.invoice_version""",
                row.tenantId(), row.invoiceId(), row.invoiceVersion(), row.status(), row.invoiceNumber(),
                row.pageSha256(), row.data()) == 1;
    }

    @Override
    public Optional<SnapshotRow> find(String tenantId, String invoiceId) {
        return jdbc.query("select * from invoice_snapshot where tenant_id = ? and invoice_id = ?", ROW,
                tenantId, invoiceId).stream().findFirst();
    }
}
