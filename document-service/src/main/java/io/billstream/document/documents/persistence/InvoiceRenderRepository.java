package io.billstream.document.documents.persistence;

import io.billstream.document.documents.domain.InvoiceRenders;
import io.billstream.document.documents.domain.RenderRow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;

@Repository
public class InvoiceRenderRepository implements InvoiceRenders {

    private static final String COLUMNS = """
            id, tenant_id, invoice_id, invoice_version, invoice_number, page_sha256, sha256, size_bytes, created_at""";
    private static final RowMapper<RenderRow> ROW = (rs, i) -> new RenderRow(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("invoice_id"), rs.getLong("invoice_version"),
            rs.getString("invoice_number"), rs.getString("page_sha256"), rs.getString("sha256"),
            rs.getLong("size_bytes"), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    public InvoiceRenderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a render; false if this invoice version was rendered already (by another instance, or on demand). */
    @Override
    public boolean insert(RenderRow row, byte[] content) {
        return jdbc.update("""
                insert into invoice_render (id, tenant_id, invoice_id, invoice_version, invoice_number, page_sha256,
                                            content, sha256, size_bytes, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, invoice_id, invoice_version) do nothing""",
                row.id(), row.tenantId(), row.invoiceId(), row.invoiceVersion(), row.invoiceNumber(),
                row.pageSha256(), content, row.sha256(), row.sizeBytes(), Timestamp.from(row.createdAt())) == 1;
    }

    @Override
    public boolean insertUnlessShown(RenderRow row, byte[] content) {
        return jdbc.update("""
                insert into invoice_render (id, tenant_id, invoice_id, invoice_version, invoice_number, page_sha256,
                                            content, sha256, size_bytes, created_at)
                select ?, ?, ?, ?::bigint, ?, ?, ?::bytea, ?, ?::bigint, ?::timestamptz
                where not exists (select 1 from (select page_sha256 from invoice_render
                                                 where tenant_id = ? and invoice_id = ?
                                                 order by invoice_version desc limit 1) newest
                                  where newest.page_sha256 = ?)
                on conflict (tenant_id, invoice_id, invoice_version) do nothing""",
                row.id(), row.tenantId(), row.invoiceId(), row.invoiceVersion(), row.invoiceNumber(),
                row.pageSha256(), content, row.sha256(), row.sizeBytes(), Timestamp.from(row.createdAt()),
                row.tenantId(), row.invoiceId(), row.pageSha256()) == 1;
    }

    /** The newest render of an invoice, whatever it shows. */
    @Override
    public Optional<RenderRow> newest(String tenantId, String invoiceId) {
        return jdbc.query("select " + COLUMNS + """
                 from invoice_render where tenant_id = ? and invoice_id = ?
                order by invoice_version desc limit 1""", ROW, tenantId, invoiceId).stream().findFirst();
    }

    /** The newest render that shows this page (same page hash). */
    @Override
    public Optional<RenderRow> newestShowing(String tenantId, String invoiceId, String pageSha256) {
        return jdbc.query("select " + COLUMNS + """
                 from invoice_render where tenant_id = ? and invoice_id = ? and page_sha256 = ?
                order by invoice_version desc limit 1""", ROW, tenantId, invoiceId, pageSha256).stream().findFirst();
    }

    @Override
    public Optional<RenderRow> ofVersion(String tenantId, String invoiceId, long invoiceVersion) {
        return jdbc.query("select " + COLUMNS + """
                 from invoice_render where tenant_id = ? and invoice_id = ? and invoice_version = ?""",
                ROW, tenantId, invoiceId, invoiceVersion).stream().findFirst();
    }

    @Override
    public byte[] content(String renderId) {
        return jdbc.queryForObject("select content from invoice_render where id = ?", byte[].class, renderId);
    }
}
