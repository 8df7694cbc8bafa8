package io.billstream.webhook.persistence;

import io.billstream.platform.messaging.AnnouncedInsert;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.webhook.domain.DeliveryTrigger;
import io.billstream.webhook.domain.Attempt;
import io.billstream.webhook.domain.Message;
import io.billstream.webhook.domain.MessageStatus;
import io.billstream.webhook.domain.MessageStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.billstream.webhook.persistence.EndpointRepository.instant;
import static io.billstream.webhook.persistence.EndpointRepository.ts;

/** Webhook messages and their attempt log, as the API reads and changes them. */
@Repository
public class MessageRepository implements MessageStore {

    private static final String COLUMNS =
            "id, seq, endpoint_id, event_id, type, status, attempts, next_attempt_at, created_at";

    private final JdbcTemplate jdbc;
    private final TraceContexts traces;
    // the other instances' workers learn of a new message from its insert (sent at commit, named after this
    // instance, which woke in process already)
    private final AnnouncedInsert insert;

    public MessageRepository(JdbcTemplate jdbc, TraceContexts traces, ObjectProvider<DatabaseNotifications> notifications) {
        this.jdbc = jdbc;
        this.traces = traces;
        DatabaseNotifications listener = notifications.getIfAvailable();
        this.insert = new AnnouncedInsert("""
                webhook_message (id, tenant_id, endpoint_id, event_id, type, payload, status, next_attempt_at,
                    created_at, updated_at, trace_parent)""", "?, ?, ?, ?, ?, ?, 'pending', now(), now(), now(), ?",
                "on conflict (event_id, endpoint_id) do nothing", DeliveryTrigger.CHANNEL,
                listener == null ? null : listener.self());
    }

    /** A new pending message, due now; false when this (event, endpoint) pair already has one. */
    public boolean insertIfAbsent(String id, String tenantId, String endpointId, String eventId, String type,
                                  String payload) {
        return insertIfAbsent(id, tenantId, endpointId, eventId, type, payload, traces.currentTraceParent());
    }

    /** As above, in the trace of {@code traceParent} (the Kafka record's), which every attempt continues. */
    public boolean insertIfAbsent(String id, String tenantId, String endpointId, String eventId, String type,
                                  String payload, String traceParent) {
        return insert.run(jdbc, id, tenantId, endpointId, eventId, type, payload, traceParent) == 1;
    }

    public Optional<Message> find(String tenantId, String id) {
        return jdbc.query("select " + COLUMNS + " from webhook_message where tenant_id = ? and id = ?",
                MAPPER, tenantId, id).stream().findFirst().map(Row::message);
    }

    public List<Row> list(String tenantId, String endpointId, MessageStatus status, long beforeSeq, int limit) {
        return jdbc.query("select " + COLUMNS + " from " + """
                 webhook_message
                where tenant_id = ? and endpoint_id = ? and (?::text is null or status = ?) and seq < ?
                order by seq desc limit ?""",
                MAPPER, tenantId, endpointId, status == null ? null : status.wire(),
                status == null ? null : status.wire(), beforeSeq, limit);
    }

    /**
     * Re-queues a message for an attempt now (same id, so the same webhook-id). A message that had failed gets
     * one more attempt; a pending one keeps its remaining schedule. A delivered one is sent once more.
     */
    public boolean retryNow(String tenantId, String id, int exhaustedStep) {
        return jdbc.update("""
                update webhook_message set next_attempt_at = now(), updated_at = now(),
                    schedule_step = case when status = 'pending' then schedule_step else ? end,
                    status = 'pending'
                where tenant_id = ? and id = ?""", exhaustedStep, tenantId, id) == 1;
    }

    /** Every failed message of the endpoint created since {@code since} gets one more attempt now. */
    public int recover(String tenantId, String endpointId, Instant since, int exhaustedStep) {
        return jdbc.update("""
                update webhook_message set status = 'pending', next_attempt_at = now(), updated_at = now(),
                    schedule_step = ?
                where tenant_id = ? and endpoint_id = ? and status = 'failed' and created_at >= ?""",
                exhaustedStep, tenantId, endpointId, ts(since));
    }

    public List<AttemptRow> attempts(String messageId, long beforeSeq, int limit) {
        return jdbc.query("""
                select seq, id, attempted_at, response_status, latency_ms, response_body, error
                from webhook_attempt where message_id = ? and seq < ? order by seq desc limit ?""",
                (rs, i) -> new AttemptRow(rs.getLong("seq"), new Attempt(rs.getString("id"),
                        instant(rs, "attempted_at"), (Integer) rs.getObject("response_status"),
                        rs.getLong("latency_ms"), rs.getString("response_body"), rs.getString("error"))),
                messageId, beforeSeq, limit);
    }

    /** Pending messages across all tenants (the queue-depth gauge). */
    public long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from webhook_message where status = 'pending'", Long.class);
        return count == null ? 0 : count;
    }

    private static final RowMapper<Row> MAPPER = (rs, i) -> new Row(rs.getLong("seq"), new Message(
            rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("type"),
            rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
            instant(rs, "created_at")));
}
