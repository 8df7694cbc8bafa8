package io.billstream.webhook.persistence;

import io.billstream.webhook.domain.Endpoint;
import io.billstream.webhook.domain.EndpointStatus;
import io.billstream.webhook.domain.EndpointStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Repository
public class EndpointRepository implements EndpointStore {

    private static final String COLUMNS = """
            id, seq, tenant_id, url, events, status, description, secret, previous_secret,
            previous_secret_expires_at, version, created_at, updated_at""";

    private final JdbcTemplate jdbc;

    public EndpointRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Endpoint e) {
        jdbc.update("""
                insert into webhook_endpoint (id, tenant_id, url, events, status, description, secret, version,
                    created_at, updated_at)
                values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?)""",
                e.id(), e.tenantId(), e.url(), textArray(e.events()), e.status().wire(), e.description(),
                e.secret(), e.version(), ts(e.createdAt()), ts(e.updatedAt()));
    }

    public Optional<Endpoint> find(String tenantId, String id) {
        return jdbc.query("select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and id = ?",
                MAPPER, tenantId, id).stream().findFirst().map(Row::endpoint);
    }

    /** Locks the row for a read-modify-write in the caller's transaction. */
    public Optional<Endpoint> findForUpdate(String tenantId, String id) {
        return jdbc.query("select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and id = ? for update",
                MAPPER, tenantId, id).stream().findFirst().map(Row::endpoint);
    }

    public List<Row> list(String tenantId, long beforeSeq, int limit) {
        return jdbc.query("select " + COLUMNS + " from " + """
                 webhook_endpoint where tenant_id = ? and seq < ? order by seq desc limit ?""",
                MAPPER, tenantId, beforeSeq, limit);
    }

    /** Enabled endpoints of the tenant whose filter takes this event type. */
    public List<String> matching(String tenantId, String type) {
        return jdbc.queryForList("""
                select id from webhook_endpoint
                where tenant_id = ? and status = 'enabled' and (? = any(events) or '*' = any(events))""",
                String.class, tenantId, type);
    }

    public void update(Endpoint e) {
        jdbc.update("""
                update webhook_endpoint set url = ?, events = ?::text[], status = ?, description = ?, secret = ?,
                    previous_secret = ?, previous_secret_expires_at = ?, version = ?, updated_at = ?,
                    failing_since = case when ? = 'enabled' and status = 'disabled' then null else failing_since end
                where tenant_id = ? and id = ?""",
                e.url(), textArray(e.events()), e.status().wire(), e.description(), e.secret(), e.previousSecret(),
                ts(e.previousSecretExpiresAt()), e.version(), ts(e.updatedAt()), e.status().wire(),
                e.tenantId(), e.id());
    }

    public boolean delete(String tenantId, String id) {
        return jdbc.update("delete from webhook_endpoint where tenant_id = ? and id = ?", tenantId, id) == 1;
    }

    /** Disables an enabled endpoint; returns its tenant when this call did it (so one notification is made). */
    public Optional<String> disable(String id) {
        return jdbc.queryForList("""
                update webhook_endpoint set status = 'disabled', version = version + 1, updated_at = now()
                where id = ? and status = 'enabled' returning tenant_id""", String.class, id)
                .stream().findFirst();
    }

    /** Records a success: the endpoint is healthy again. */
    public void recordSuccess(String id) {
        jdbc.update("""
                update webhook_endpoint set failing_since = null, last_success_at = now()
                where id = ? and (failing_since is not null or last_success_at is null
                                  or last_success_at < now() - interval '1 minute')""", id);
    }

    /**
     * Records a failure; disables the endpoint when it has failed without a success for longer than allowed.
     * Returns the tenant when this call disabled it.
     */
    public Optional<String> recordFailure(String id, java.time.Duration disableAfter) {
        jdbc.update("update webhook_endpoint set failing_since = now() where id = ? and failing_since is null", id);
        return jdbc.queryForList("""
                update webhook_endpoint set status = 'disabled', version = version + 1, updated_at = now()
                where id = ? and status = 'enabled' and failing_since < now() - ? * interval '1 millisecond'
                returning tenant_id""", String.class, id, disableAfter.toMillis()).stream().findFirst();
    }

    static String textArray(List<String> values) {
        // event types are catalog words (validated), so no quoting is needed inside the literal
        return "{" + String.join(",", values) + "}";
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Row> MAPPER = (rs, i) -> {
        Array events = rs.getArray("events");
        List<String> list = Arrays.asList((String[]) events.getArray());
        return new Row(rs.getLong("seq"), new Endpoint(rs.getString("id"), rs.getString("tenant_id"),
                rs.getString("url"), List.copyOf(list), EndpointStatus.fromWire(rs.getString("status")),
                rs.getString("description"), rs.getString("secret"), rs.getString("previous_secret"),
                instant(rs, "previous_secret_expires_at"), rs.getLong("version"), instant(rs, "created_at"),
                instant(rs, "updated_at")));
    };
}
