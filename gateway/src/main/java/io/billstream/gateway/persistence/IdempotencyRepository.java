package io.billstream.gateway.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys per tenant. Every statement runs on its own (auto-commit), so the "in progress" row is visible
 * to every instance the moment it is inserted, and the primary key lets exactly one request claim a key.
 */
@Repository
public class IdempotencyRepository {

    private final JdbcClient jdbc;

    public IdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when this request now owns the key */
    public boolean claim(String tenantId, String key, String fingerprint, Instant now, Integer owner) {
        return jdbc.sql("""
                        insert into idempotency_record (tenant_id, idempotency_key, fingerprint, state, created_at, owner)
                        values (?, ?, ?, 'in_progress', ?, ?) on conflict do nothing""")
                .params(tenantId, key, fingerprint, Timestamp.from(now), owner).update() == 1;
    }

    public Optional<Stored> find(String tenantId, String key) {
        return jdbc.sql("select * from idempotency_record where tenant_id = ? and idempotency_key = ?")
                .params(tenantId, key)
                .query((rs, i) -> new Stored(rs.getString("fingerprint"), "completed".equals(rs.getString("state")),
                        rs.getInt("response_status"), rs.getString("response_headers"), rs.getBytes("response_body"),
                        rs.getTimestamp("created_at").toInstant(), (Integer) rs.getObject("owner")))
                .optional();
    }

    /** Takes over a key whose owner died or that has expired; only one of several racing requests wins. */
    public boolean reclaim(String tenantId, String key, Instant seenCreatedAt, String fingerprint, Instant now,
                           Integer owner) {
        return jdbc.sql("""
                        update idempotency_record set fingerprint = ?, state = 'in_progress', created_at = ?, owner = ?,
                          response_status = null, response_headers = null, response_body = null
                        where tenant_id = ? and idempotency_key = ? and created_at = ?""")
                .params(fingerprint, Timestamp.from(now), owner, tenantId, key, Timestamp.from(seenCreatedAt))
                .update() == 1;
    }

    public void complete(String tenantId, String key, int status, String headersJson, byte[] body) {
        jdbc.sql("""
                        update idempotency_record set state = 'completed', response_status = ?, response_headers = ?,
                          response_body = ?
                        where tenant_id = ? and idempotency_key = ?""")
                .params(status, headersJson, body, tenantId, key).update();
    }

    public void release(String tenantId, String key) {
        jdbc.sql("delete from idempotency_record where tenant_id = ? and idempotency_key = ? and state = 'in_progress'")
                .params(tenantId, key).update();
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from idempotency_record where created_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** @param owner the claiming gateway instance ({@code GatewayInstanceLock}), null if unknown */
    public record Stored(String fingerprint, boolean completed, int status, String headersJson, byte[] body,
                         Instant createdAt, Integer owner) {
    }
}
