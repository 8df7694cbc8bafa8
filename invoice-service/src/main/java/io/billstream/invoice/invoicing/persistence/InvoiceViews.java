package io.billstream.invoice.invoicing.persistence;

import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.api.InvoiceView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lists from the invoice read model, keyset-paginated by (created_at desc, id desc). */
@Component
public class InvoiceViews {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    InvoiceViews(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public Page<InvoiceView> list(InvoiceListQuery q) {
        StringBuilder sql = new StringBuilder("select document::text, created_at, id from invoice_view where tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.tenantId());
        condition(sql, args, " and status = ?", q.status());
        condition(sql, args, " and customer_id = ?", q.customerId());
        condition(sql, args, " and number = ?", q.number());
        condition(sql, args, " and issue_date >= ?", q.issuedFrom() == null ? null : Date.valueOf(q.issuedFrom()));
        condition(sql, args, " and issue_date <= ?", q.issuedTo() == null ? null : Date.valueOf(q.issuedTo()));
        condition(sql, args, " and due_date < ?", q.dueBefore() == null ? null : Date.valueOf(q.dueBefore()));
        condition(sql, args, " and recurring_invoice_id = ?", q.recurringInvoiceId());
        if (q.after() != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(Timestamp.from(q.after().createdAt()));
            args.add(q.after().id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(Page.fetchSize(q.limit()));
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getString(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3)), args.toArray());
        return Page.of(rows, q.limit(), row -> read(row.document()), row -> new KeysetCursor(row.createdAt(), row.id()).encode());
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private InvoiceView read(String json) {
        try {
            return mapper.readValue(json, InvoiceView.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String document, Instant createdAt, String id) {
    }
}
