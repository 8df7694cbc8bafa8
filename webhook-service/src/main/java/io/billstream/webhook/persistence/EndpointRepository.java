package io.billstream.webhook.persistence;

import io.billstream.webhook.domain.Endpoint;
import io.billstream.webhook.domain.EndpointStatus;
import io.billstream.webhook.domain.EndpointStore;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.messaging.NotifiedCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints in PostgreSQL. Routing an event asks which enabled endpoints of its tenant take its type, for every
 * event of every tenant, so each tenant's subscriptions are kept in memory: a change to them (created, deleted,
 * enabled or disabled, filter edited) is announced on channel {@value #CHANGED_CHANNEL} by a trigger on the table
 * (V80), delivered at commit to every instance, which then drops all it holds; this instance also drops them once
 * its own change commits. A lost notification is covered by the listener being called again on every reconnect and,
 * last, by the entries' time to live ({@code billstream.webhooks.endpoint-cache-ttl}). Without notifications
 * (billstream.notifications.enabled=false) nothing is cached.
 */
@Repository
public class EndpointRepository implements EndpointStore {

    static final String CHANGED_CHANNEL = "webhook_endpoints";

    private static final String COLUMNS = """
            id, seq, tenant_id, url, events, status, description, secret, previous_secret,
            previous_secret_expires_at, version, created_at, updated_at""";

    private final JdbcTemplate jdbc;
    private final NotifiedCache<String, List<Subscription>> subscriptions;

    /** An enabled endpoint and the event types it takes. */
    private record Subscription(String id, List<String> events) {
        boolean takes(String type) {
            return events.contains(type) || events.contains("*");
        }
    }

    public EndpointRepository(JdbcTemplate jdbc, ObjectProvider<DatabaseNotifications> notifications,
                              @Value("${billstream.webhooks.endpoint-cache-ttl:60s}") Duration ttl) {
        this.jdbc = jdbc;
        this.subscriptions = new NotifiedCache<>(notifications.getIfAvailable(), CHANGED_CHANNEL, ttl, 100_000);
    }

    public void insert(Endpoint e) {
        jdbc.update("""
                insert into webhook_endpoint (id, tenant_id, url, events, status, description, secret, version,
                    created_at, updated_at)
                values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?)""",
                e.id(), e.tenantId(), e.url(), textArray(e.events()), e.status().wire(), e.description(),
                e.secret(), e.version(), ts(e.createdAt()), ts(e.updatedAt()));
        changed();
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
        return subscriptions.get(tenantId, this::enabled).stream().filter(s -> s.takes(type))
                .map(Subscription::id).toList();
    }

    private List<Subscription> enabled(String tenantId) {
        return jdbc.query("select id, events from webhook_endpoint where tenant_id = ? and status = 'enabled'",
                (rs, i) -> new Subscription(rs.getString("id"), strings(rs.getArray("events"))), tenantId);
    }

    /** This instance's own change: the cached subscriptions are dropped once it commits. */
    private void changed() {
        subscriptions.invalidateAllAfterCommit();
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
        changed();
    }

    public boolean delete(String tenantId, String id) {
        boolean deleted = jdbc.update("delete from webhook_endpoint where tenant_id = ? and id = ?", tenantId, id) == 1;
        changed();
        return deleted;
    }

    /** Disables an enabled endpoint; returns its tenant when this call did it (so one notification is made). */
    public Optional<String> disable(String id) {
        Optional<String> tenant = jdbc.queryForList("""
                update webhook_endpoint set status = 'disabled', version = version + 1, updated_at = now()
                where id = ? and status = 'enabled' returning tenant_id""", String.class, id)
                .stream().findFirst();
        tenant.ifPresent(t -> changed());
        return tenant;
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
        Optional<String> tenant = jdbc.queryForList("""
                update webhook_endpoint set status = 'disabled', version = version + 1, updated_at = now()
                where id = ? and status = 'enabled' and failing_since < now() - ? * interval '1 millisecond'
                returning tenant_id""", String.class, id, disableAfter.toMillis()).stream().findFirst();
        tenant.ifPresent(t -> changed());
        return tenant;
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

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static final RowMapper<Row> MAPPER = (rs, i) -> new Row(rs.getLong("seq"), new Endpoint(
            rs.getString("id"), rs.getString("tenant_id"), rs.getString("url"), strings(rs.getArray("events")),
            EndpointStatus.fromWire(rs.getString("status")), rs.getString("description"), rs.getString("secret"),
            rs.getString("previous_secret"), instant(rs, "previous_secret_expires_at"), rs.getLong("version"),
            instant(rs, "created_at"), instant(rs, "updated_at")));
}
