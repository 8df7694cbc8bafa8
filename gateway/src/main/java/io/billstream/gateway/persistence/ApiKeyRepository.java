package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.ApiKey;
import io.billstream.gateway.domain.ApiKeyScope;
import io.billstream.gateway.domain.ApiKeyStore;
import io.billstream.platform.paging.KeysetCursor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
public class ApiKeyRepository implements ApiKeyStore {

    private static final RowMapper<ApiKey> KEY = (rs, i) -> new ApiKey(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("name"), ApiKeyScope.fromWire(rs.getString("scope")),
            rs.getBytes("key_hash"), rs.getString("last_four"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return find(tenantId, id).isPresent();
    }
}
