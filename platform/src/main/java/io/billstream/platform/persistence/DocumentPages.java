package io.billstream.platform.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.paging.Page;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One newest-first page of a read model kept as a JSON document per row, in a table with {@code tenant_id},
 * {@code created_at}, {@code id} and {@code document} columns: the tenant's rows, narrowed by equality filters, after a
 * keyset cursor. Table and column names are the caller's constants, never client input.
 */
public final class DocumentPages {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public DocumentPages(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** @param filters column → value; a null value leaves that column unfiltered */
    public <T> Page<T> page(String table, Class<T> type, String tenantId, Map<String, ?> filters, int limit,
                            KeysetCursor after) {
        StringBuilder sql = new StringBuilder("select document::text, created_at, id from " + table
                + " where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        filters.forEach((column, value) -> {
            if (value != null) {
                sql.append(" and ").append(column).append(" = ?");
                args.add(value);
            }
        });
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(Page.fetchSize(limit));
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getString(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3)), args.toArray());
        return Page.of(rows, limit, row -> read(row.document(), type),
                row -> new KeysetCursor(row.createdAt(), row.id()).encode());
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String document, Instant createdAt, String id) {
    }
}
