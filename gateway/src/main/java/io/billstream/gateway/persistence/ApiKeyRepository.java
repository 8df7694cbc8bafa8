package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.ApiKey;
import io.billstream.gateway.domain.ApiKeyScope;
import io.billstream.gateway.domain.ApiKeyStore;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.messaging.NotifiedCache;
import io.billstream.platform.paging.KeysetCursor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys in PostgreSQL. The key a request presents is looked up in a cache first: every API call authenticates,
 * and the query was a database round trip on each of them. A revocation reaches every instance's cache through a
 * PostgreSQL notification on channel {@value #REVOKED_CHANNEL}, delivered when the revocation commits (this instance
 * also drops the key at once); a lost notification is covered by the listener being called again on every
 * reconnect and, last, by the entries' time to live ({@code billstream.gateway.api-keys.cache-ttl}, 60 s). Without
 * notifications (billstream.notifications.enabled=false) nothing is cached.
 */
@Repository
public class ApiKeyRepository implements ApiKeyStore {

    static final String REVOKED_CHANNEL = "gateway_api_key_revoked";

    private static final RowMapper<ApiKey> KEY = (rs, i) -> new ApiKey(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("name"), ApiKeyScope.fromWire(rs.getString("scope")),
            rs.getBytes("key_hash"), rs.getString("last_four"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private final JdbcClient jdbc;
    private final JdbcTemplate notifier;
    private final NotifiedCache<String, ActiveKey> active;

    public ApiKeyRepository(JdbcClient jdbc, JdbcTemplate notifier, ObjectProvider<DatabaseNotifications> notifications,
                            @Value("${billstream.gateway.api-keys.cache-ttl:60s}") Duration ttl) {
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.active = new NotifiedCache<>(notifications.getIfAvailable(), REVOKED_CHANNEL, ttl, 10_000);
    }

    @Override
    public void insert(ApiKey key, String createdBy) {
        jdbc.sql("""
                        insert into api_key (id, tenant_id, name, scope, key_hash, last_four, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), key.tenantId(), key.name(), key.scope().wire(), key.keyHash(), key.lastFour(),
                        createdBy, Timestamp.from(key.createdAt()))
                .update();
    }

    @Override
    public Optional<ActiveKey> findActive(String id) {
        // only keys that exist are cached: a key created a moment ago on another instance is found at once
        return Optional.ofNullable(active.get(id, key -> queryActive(key).orElse(null)));
    }

    private Optional<ActiveKey> queryActive(String id) {
        return jdbc.sql("""
                        select k.*, t.organization_name from api_key k join tenant t on t.id = k.tenant_id
                        where k.id = ? and k.revoked_at is null""")
                .param(id)
                .query((rs, i) -> new ActiveKey(KEY.mapRow(rs, i), rs.getString("organization_name")))
                .optional();
    }

    @Override
    public Optional<ApiKey> find(String tenantId, String id) {
        return jdbc.sql("select * from api_key where id = ? and tenant_id = ?").params(id, tenantId).query(KEY)
                .optional();
    }

    @Override
    public List<ApiKey> list(String tenantId, KeysetCursor after, int limit) {
        if (after == null) {
            return jdbc.sql("select * from api_key where tenant_id = ? order by created_at desc, id desc limit ?")
                    .params(tenantId, limit).query(KEY).list();
        }
        return jdbc.sql("""
                        select * from api_key where tenant_id = ? and (created_at, id) < (?, ?)
                        order by created_at desc, id desc limit ?""")
                .params(tenantId, Timestamp.from(after.createdAt()), after.id(), limit).query(KEY).list();
    }

    @Override
    public boolean revoke(String tenantId, String id, Instant now) {
        jdbc.sql("update api_key set revoked_at = ? where id = ? and tenant_id = ? and revoked_at is null")
                .params(Timestamp.from(now), id, tenantId).update();
        if (active.enabled()) {
            active.invalidate(id);
            // to every instance, this one included (a request may have cached the key again before the commit);
            // PostgreSQL delivers it when the surrounding transaction, if any, commits
            DatabaseNotifications.announce(notifier, REVOKED_CHANNEL, id);
        }
        return find(tenantId, id).isPresent();
    }
}
