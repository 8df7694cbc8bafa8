package io.billstream.webhook.persistence;

import io.billstream.platform.ids.Ids;
import io.billstream.webhook.domain.ClaimedMessage;
import io.billstream.webhook.domain.MessageStatus;
import io.billstream.webhook.domain.Notifications;
import io.billstream.webhook.domain.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The worker's side of the message table: claiming due messages under a lease, and recording outcomes. */
@Repository
public class DeliveryRepository {

    /** {@link #claim}: parameters skipped endpoints (text[]), limit, lease in ms, lease token. */
    static final String CLAIM = """
        with due as (
            select m.id from webhook_message m
            where m.status = 'pending' and m.next_attempt_at <= now()
              and (m.locked_until is null or m.locked_until < now())
              and m.endpoint_id <> all (?::text[])
              and (select e.status from webhook_endpoint e where e.id = m.endpoint_id) = 'enabled'
            order by m.next_attempt_at
            limit ?
            for update of m skip locked)
        update webhook_message m
        set locked_until = now() + ? * interval '1 millisecond', lease_token = ?
        from due, webhook_endpoint e
        where m.id = due.id and e.id = m.endpoint_id
        returning m.id, m.tenant_id, m.endpoint_id, m.payload, m.attempts, m.schedule_step, e.url, e.secret,
                  e.previous_secret, e.previous_secret_expires_at, m.trace_parent""";

    /** {@link #nextDue}: parameter skipped endpoints (text[]). */
    static final String NEXT_DUE = """
        select min(m.next_attempt_at) from webhook_message m
        where m.status = 'pending' and (m.locked_until is null or m.locked_until < now())
          and m.endpoint_id <> all (?::text[])
          and (select e.status from webhook_endpoint e where e.id = m.endpoint_id) = 'enabled'""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EndpointRepository endpoints;
    private final Notifications notifications;

    public DeliveryRepository(JdbcTemplate jdbc, TransactionTemplate tx, EndpointRepository endpoints,
                         Notifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.endpoints = endpoints;
        this.notifications = notifications;
    }

    /**
     * Claims up to {@code limit} due messages of enabled endpoints. {@code FOR UPDATE SKIP LOCKED} keeps two
     * instances from taking the same row in the same instant; the lease keeps everyone else off it afterwards,
     * until the outcome is written or the lease runs out (a crashed instance).
     * <p>
     * The endpoint's state is looked up per candidate (a subquery), not joined: with a join PostgreSQL may start from
     * the endpoint and intersect the due index with {@code webhook_message_by_endpoint}, that is read every message
     * the endpoint ever had, delivered or not, on every claim. On a table not yet analyzed it did: 5.4 ms a claim at
     * 8,000 messages, growing with each one, the largest database cost of a payment (docs/benchmarks.md, row 26).
     * Only the due index can drive this query.
     */
    public List<ClaimedMessage> claim(int limit, Collection<String> skipEndpoints, Duration lease) {
        UUID token = UUID.randomUUID();
        String skip = "{" + String.join(",", skipEndpoints) + "}";
        return jdbc.query(CLAIM,
                (rs, i) -> {
                    Timestamp expires = rs.getTimestamp("previous_secret_expires_at");
                    return new ClaimedMessage(rs.getString("id"), rs.getString("tenant_id"),
                            rs.getString("endpoint_id"), rs.getString("payload"), rs.getInt("attempts"),
                            rs.getInt("schedule_step"), token, rs.getString("url"), rs.getString("secret"),
                            rs.getString("previous_secret"), expires == null ? null : expires.toInstant(),
                            rs.getString("trace_parent"));
                },
                skip, limit, lease.toMillis(), token);
    }

    /**
     * When the next message becomes claimable, as {@link #claim} sees it (enabled endpoint, not leased, not one of
     * {@code skipEndpoints}); empty when nothing is pending. A lease that runs out (a crashed instance) is left to
     * the safety poll. Shaped like {@link #claim}'s query, for the same reason.
     */
    public Optional<Instant> nextDue(Collection<String> skipEndpoints) {
        String skip = "{" + String.join(",", skipEndpoints) + "}";
        Timestamp due = jdbc.queryForObject(NEXT_DUE, Timestamp.class, skip);
        return Optional.ofNullable(due).map(Timestamp::toInstant);
    }

    /**
     * Writes a batch of outcomes in one transaction: attempt log, message state, endpoint health. Each table gets one
     * statement over arrays ({@code unnest}) rather than one statement per outcome.
     */
    public void record(List<Outcome> outcomes, String instanceId, Duration disableAfter) {
        tx.executeWithoutResult(status -> {
            writeAttempts(outcomes, instanceId);
            writeTransitions(outcomes);
            updateEndpointHealth(outcomes, disableAfter);
        });
    }

    private void writeAttempts(List<Outcome> outcomes, String instanceId) {
        List<Outcome> attempted = outcomes.stream().filter(Outcome::attempted).toList();
        if (attempted.isEmpty()) {
            return;
        }
        int n = attempted.size();
        String[] ids = new String[n];
        String[] messageIds = new String[n];
        Timestamp[] attemptedAt = new Timestamp[n];
        Integer[] statuses = new Integer[n];
        Long[] latencies = new Long[n];
        String[] bodies = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome o = attempted.get(i);
            ids[i] = Ids.newId("att");
            messageIds[i] = o.message().id();
            attemptedAt[i] = Timestamp.from(o.attemptedAt());
            statuses[i] = o.responseStatus();
            latencies[i] = o.latencyMillis();
            bodies[i] = o.responseBody();
            errors[i] = o.error();
        }
        // an endpoint deleted meanwhile took its messages with it: such attempts are dropped
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    insert into webhook_attempt (id, message_id, attempted_at, response_status, latency_ms,
                        response_body, error, instance_id)
                    select i.id, i.message_id, i.attempted_at, i.response_status, i.latency_ms, i.response_body,
                           i.error, ?
                    from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::bigint[], ?::text[], ?::text[])
                         as i(id, message_id, attempted_at, response_status, latency_ms, response_body, error)
                    where exists (select 1 from webhook_message m where m.id = i.message_id)""");
            ps.setString(1, instanceId);
            ps.setArray(2, con.createArrayOf("text", ids));
            ps.setArray(3, con.createArrayOf("text", messageIds));
            ps.setArray(4, con.createArrayOf("timestamptz", attemptedAt));
            ps.setArray(5, con.createArrayOf("int4", statuses));
            ps.setArray(6, con.createArrayOf("int8", latencies));
            ps.setArray(7, con.createArrayOf("text", bodies));
            ps.setArray(8, con.createArrayOf("text", errors));
            return ps;
        });
    }

    private void writeTransitions(List<Outcome> outcomes) {
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] tokens = new String[n];
        String[] statuses = new String[n];
        Integer[] increments = new Integer[n];
        Integer[] steps = new Integer[n];
        Boolean[] pending = new Boolean[n];
        Long[] delays = new Long[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.message().id();
            tokens[i] = o.message().leaseToken().toString();
            statuses[i] = o.nextStatus().wire();
            increments[i] = o.attempted() ? 1 : 0;
            steps[i] = o.scheduleStep();
            pending[i] = o.nextStatus() == MessageStatus.PENDING;
            delays[i] = o.delayMillis();
        }
        // only where this instance still holds the lease: after a lost lease the message is someone else's
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    update webhook_message m set status = i.status, attempts = m.attempts + i.increment,
                        schedule_step = i.step,
                        next_attempt_at = case when i.pending then now() + i.delay * interval '1 millisecond' end,
                        locked_until = null, lease_token = null, updated_at = now()
                    from unnest(?::text[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::boolean[], ?::bigint[])
                         as i(id, token, status, increment, step, pending, delay)
                    where m.id = i.id and m.lease_token = i.token""");
            ps.setArray(1, con.createArrayOf("text", ids));
            ps.setArray(2, con.createArrayOf("text", tokens));
            ps.setArray(3, con.createArrayOf("text", statuses));
            ps.setArray(4, con.createArrayOf("int4", increments));
            ps.setArray(5, con.createArrayOf("int4", steps));
            ps.setArray(6, con.createArrayOf("bool", pending));
            ps.setArray(7, con.createArrayOf("int8", delays));
            return ps;
        });
    }

    private void updateEndpointHealth(List<Outcome> outcomes, Duration disableAfter) {
        Map<String, Outcome> lastByEndpoint = new LinkedHashMap<>();
        Map<String, Outcome> gone = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.attempted()) {
                lastByEndpoint.put(o.message().endpointId(), o);
                if (o.endpointGone()) {
                    gone.put(o.message().endpointId(), o);
                }
            }
        }
        for (Outcome o : gone.values()) {
            ClaimedMessage m = o.message();
            endpoints.disable(m.endpointId()).ifPresent(tenant -> notifications.endpointDisabled(tenant,
                    m.endpointId(), m.url(), "it answered 410 Gone"));
        }
        for (Outcome o : lastByEndpoint.values()) {
            ClaimedMessage m = o.message();
            if (gone.containsKey(m.endpointId())) {
                continue;
            }
            if (o.succeeded()) {
                endpoints.recordSuccess(m.endpointId());
            } else {
                Optional<String> disabled = endpoints.recordFailure(m.endpointId(), disableAfter);
                disabled.ifPresent(tenant -> notifications.endpointDisabled(tenant, m.endpointId(), m.url(),
                        "no delivery succeeded for " + describe(disableAfter)));
            }
        }
    }

    private static String describe(Duration duration) {
        if (duration.toDays() >= 1 && duration.toHours() % 24 == 0) {
            return duration.toDays() + " days";
        }
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
