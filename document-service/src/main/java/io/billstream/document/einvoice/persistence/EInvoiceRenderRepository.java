package io.billstream.document.einvoice.persistence;

import io.billstream.document.einvoice.domain.EInvoiceRenders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code einvoice_render} table: the newest e-invoice of each document and syntax, with its bytes. */
@Repository
public class EInvoiceRenderRepository implements EInvoiceRenders {

    private final JdbcClient jdbc;

    public EInvoiceRenderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Stored> find(String tenantId, String documentId, String syntax) {
        return jdbc.sql("""
                        select id, number, source_sha256, sha256, size_bytes from einvoice_render
                         where tenant_id = ? and document_id = ? and syntax = ?""")
                .params(tenantId, documentId, syntax)
                .query((rs, i) -> new Stored(rs.getString("id"), rs.getString("number"),
                        rs.getString("source_sha256"), rs.getString("sha256"), rs.getLong("size_bytes")))
                .optional();
    }

    @Override
    public void save(String id, String tenantId, String documentId, String syntax, String number,
                     String sourceSha256, byte[] content, String sha256, Instant now) {
        jdbc.sql("""
                        insert into einvoice_render (id, tenant_id, document_id, syntax, number, source_sha256,
                                                     content, sha256, size_bytes, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, document_id, syntax) do update set
                            id = excluded.id, number = excluded.number, source_sha256 = excluded.source_sha256,
                            content = excluded.content, sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                            created_at = excluded.created_at""")
                .params(id, tenantId, documentId, syntax, number, sourceSha256, content, sha256, content.length,
                        Timestamp.from(now))
                .update();
    }

    @Override
    public byte[] content(String id) {
        return jdbc.sql("select content from einvoice_render where id = ?").param(id)
                .query((rs, i) -> rs.getBytes(1)).single();
    }
}
