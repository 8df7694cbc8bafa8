package io.billstream.platform.outbox;

import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.observability.BillstreamMetrics;
import io.billstream.platform.observability.TraceContexts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka at least once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * instances share the work without sending a row twice at once; a batch is taken by deleting it ({@code delete …
 * returning}), and that deletion commits only after the broker has acknowledged every record of it. A commit wakes
 * this instance's relay at once (in process) and the other instances' through a PostgreSQL notification; the poll
 * is only a safety net for rows left by a crash or a lost notification, so an idle relay costs no query
 * (billstream.outbox.poll-interval).
 */
public class OutboxRelay implements SmartLifecycle {

    /** The PostgreSQL notification channel a committed outbox row is announced on (DatabaseNotifications). */
    public static final String CHANNEL = "billstream_outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IntegrationEventPublisher publisher;
    private final Duration pollInterval;
    private final int batchSize;
    private final TraceContexts traces;
    // a failed batch (broker or database away) is retried on this schedule, whatever the safety poll's interval
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, IntegrationEventPublisher publisher,
                       Duration pollInterval, int batchSize, MeterRegistry registry) {
        this(jdbc, tx, publisher, pollInterval, batchSize, registry, TraceContexts.NONE);
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, IntegrationEventPublisher publisher,
                       Duration pollInterval, int batchSize, MeterRegistry registry, TraceContexts traces) {
        this.traces = traces;
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        Gauge.builder(BillstreamMetrics.OUTBOX_PENDING, this::pendingSafely)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder(BillstreamMetrics.OUTBOX_OLDEST_AGE, this::oldestAgeSafely)
                .description("Age of the oldest outbox row not yet acknowledged by Kafka (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    public void wakeUp() {
        wakeUps.release();
    }

    /** Publishes one batch; returns how many rows went out. Public so tests can drive it step by step. */
    public int publishBatch() {
        Integer sent = tx.execute(status -> {
            // taken by deleting them: the deletion holds their locks (other instances skip them) and becomes
            // final only if every record is acknowledged, in the commit below; one statement, not a select and
            // then a delete
            List<Row> rows = new ArrayList<>(jdbc.query("""
                    delete from outbox_event where id in (
                        select id from outbox_event order by id limit ? for update skip locked)
                    returning id, topic, record_key, payload, request_id, trace_parent""",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)), batchSize));
            if (rows.isEmpty()) {
                return 0;
            }
            rows.sort(Comparator.comparingLong(Row::id)); // RETURNING keeps no order: send in the rows' order
            // all sent, then all acks awaited: one round trip per batch, not per row. A failed ack rolls the
            // deletion back and the whole batch goes again (at least once; consumers drop the duplicates)
            // each record continues the trace of the request that wrote its row, so its traceparent header does
            publisher.await(rows.stream().map(row -> traces.continueTrace("billstream.outbox.publish", row.traceParent,
                    () -> publisher.sendRaw(row.topic, row.key, row.payload, row.requestId))).toList());
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void loop() {
        Duration backoff = FIRST_RETRY;
        while (running) {
            try {
                int sent = publishBatch();
                backoff = FIRST_RETRY;
                if (sent < batchSize) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay could not publish, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double pendingSafely() {
        try {
            Long count = jdbc.queryForObject("select count(*) from outbox_event", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private double oldestAgeSafely() {
        try {
            Double age = jdbc.queryForObject(
                    "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event", Double.class);
            return age == null ? 0 : age;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private record Row(long id, String topic, String key, String payload, String requestId, String traceParent) {
    }
}
