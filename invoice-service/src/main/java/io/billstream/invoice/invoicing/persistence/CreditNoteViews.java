package io.billstream.invoice.invoicing.persistence;

import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.api.CreditNoteView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The credit-note read model: lists keyset-paginated by (created_at desc, id desc) like invoices, and id → invoice. */
@Component
public class CreditNoteViews {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CreditNoteViews(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The invoice a tenant's credit note belongs to. */
    public Optional<String> invoiceOf(String tenantId, String creditNoteId) {
        return jdbc.query("select invoice_id from credit_note_view where tenant_id = ? and id = ?",
                (rs, n) -> rs.getString(1), tenantId, creditNoteId).stream().findFirst();
    }

    public Page<CreditNoteView> list(String tenantId, String invoiceId, String customerId, int limit, KeysetCursor after) {
        StringBuilder sql = new StringBuilder(
                "select document::text, created_at, id from credit_note_view where tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (invoiceId != null) {
            sql.append(" and invoice_id = ?");
            args.add(invoiceId);
        }
        if (customerId != null) {
            sql.append(" and customer_id = ?");
            args.add(customerId);
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(Page.fetchSize(limit));
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getString(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3)), args.toArray());
        return Page.of(rows, limit, row -> read(row.document()), row -> new KeysetCursor(row.createdAt(), row.id()).encode());
    }

    private CreditNoteView read(String json) {
        try {
            return mapper.readValue(json, CreditNoteView.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String document, Instant createdAt, String id) {
    }
}
