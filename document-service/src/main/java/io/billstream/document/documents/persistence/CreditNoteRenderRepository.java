package io.billstream.document.documents.persistence;

import io.billstream.document.documents.domain.CreditNoteRenders;
import io.billstream.document.documents.domain.StoredPdf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
public class CreditNoteRenderRepository implements CreditNoteRenders {

    private final JdbcClient jdbc;

    public CreditNoteRenderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(String id, String tenantId, String creditNoteId, String invoiceId, String number,
                          String noteJson, byte[] content, String sha256, Instant createdAt) {
        return jdbc.sql("""
                insert into credit_note_render (id, tenant_id, credit_note_id, invoice_id, number, data, content,
                                                sha256, size_bytes, created_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                on conflict (tenant_id, credit_note_id) do nothing""")
                .params(id, tenantId, creditNoteId, invoiceId, number, noteJson, content, sha256, content.length,
                        Timestamp.from(createdAt))
                .update() == 1;
    }

    @Override
    public Optional<StoredPdf> find(String tenantId, String creditNoteId) {
        return jdbc.sql("""
                select id, number, sha256, size_bytes from credit_note_render
                 where tenant_id = ? and credit_note_id = ?""").params(tenantId, creditNoteId)
                .query((rs, i) -> new StoredPdf(rs.getString("id"), rs.getString("number"), rs.getString("sha256"),
                        rs.getLong("size_bytes"))).optional();
    }

    @Override
    public byte[] content(String renderId) {
        return jdbc.sql("select content from credit_note_render where id = ?").param(renderId)
                .query((rs, i) -> rs.getBytes(1)).single();
    }

    @Override
    public Optional<String> noteJson(String tenantId, String creditNoteId) {
        return jdbc.sql("select data::text from credit_note_render where tenant_id = ? and credit_note_id = ?")
                .params(tenantId, creditNoteId).query(String.class).optional();
    }
}
