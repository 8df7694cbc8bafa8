package io.billstream.invoice.recurring.persistence;

import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v1/recurring-invoices}: keyset-paginated by (created_at desc, id desc), like invoices. */
@Component
public class RecurringInvoiceViews {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    RecurringInvoiceViews(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public Page<RecurringInvoiceView> list(String tenantId, String customerId, String status, int limit,
                                           KeysetCursor after) {
        StringBuilder sql = new StringBuilder(
                "select document::text, created_at, id from recurring_invoice_view where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (customerId != null) {
            sql.append(" and customer_id = ?");
            args.add(customerId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status);
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

    private RecurringInvoiceView read(String json) {
        try {
            return mapper.readValue(json, RecurringInvoiceView.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String document, Instant createdAt, String id) {
    }
}
