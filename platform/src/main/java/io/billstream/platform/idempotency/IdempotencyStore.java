package io.billstream.platform.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service side of docs/api-reference.md §2's idempotency: table {@code idempotency_key} (Flyway {@code db/platform}), one row per
 * (tenant, key). Every statement here is meant to run inside the transaction that applies the request's effect, so
 * the row and the effect commit or vanish together.
 */
public class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Duration retention;

    public IdempotencyStore(JdbcClient jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /**
     * Takes the key for this transaction. An uncommitted claim of another transaction makes this wait until that one
     * ends (PostgreSQL's unique index), so a duplicate arriving while the first is still running is answered with the
     * first's result instead of running beside it. A row older than the retention counts as gone.
     *
     * @return true when this transaction owns the key; false when a committed row exists (see {@link #find})
     */
    public boolean claim(IdempotencyKey key, Instant now) {
        return jdbc.sql("""
                        insert into idempotency_key (tenant_id, idempotency_key, fingerprint, created_at)
                        values (?, ?, ?, ?)
                        on conflict (tenant_id, idempotency_key) do update
                          set fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                              response_status = null, response_headers = null, response_body = null
                          where idempotency_key.created_at < ?""")
                .params(key.tenant(), key.key(), key.fingerprint(), Timestamp.from(now),
                        Timestamp.from(now.minus(retention)))
                .update() == 1;
    }

    public Optional<Stored> find(IdempotencyKey key) {
        return jdbc.sql("""
                        select fingerprint, response_status, response_headers, response_body, created_at
                        from idempotency_key where tenant_id = ? and idempotency_key = ?""")
                .params(key.tenant(), key.key())
                .query((rs, i) -> new Stored(rs.getString("fingerprint"), (Integer) rs.getObject("response_status"),
                        rs.getString("response_headers"), rs.getBytes("response_body"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public void complete(IdempotencyKey key, int status, String headersJson, byte[] body) {
        jdbc.sql("""
                        update idempotency_key set response_status = ?, response_headers = ?, response_body = ?
                        where tenant_id = ? and idempotency_key = ?""")
                .params(status, headersJson, body, key.tenant(), key.key()).update();
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from idempotency_key where created_at < ?").param(Timestamp.from(cutoff)).update();
    }

    public Duration retention() {
        return retention;
    }

    /** @param status null only while the owning transaction runs (never seen committed) */
    public record Stored(String fingerprint, Integer status, String headersJson, byte[] body, Instant createdAt) {
    }
}
