package io.billstream.platform.testapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.config.PlatformProperties;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.outbox.OutboxRelay;
import io.billstream.platform.outbox.OutboxWriter;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay wakes on signals, not on its poll: this context keeps the default safety poll (30 s), and every
 * row must be gone within {@link #WAKE_UP} — in-process for a row this instance writes, by PostgreSQL notification
 * for a row another instance writes. Several rows in a row, so a poll that happens to fall in the window cannot pass
 * the test by luck. A row whose notification is lost is still relayed by the safety poll, and a dropped listening
 * connection is re-established.
 */
@ServiceIntegrationTest
class OutboxWakeUpTest {

    private static final Duration WAKE_UP = Duration.ofSeconds(2);

    @Autowired
    OutboxWriter writer;
    @Autowired
    OutboxRelay relay;
    @Autowired
    DatabaseNotifications notifications;
    @Autowired
    PlatformProperties properties;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void listening() {
        assertThat(properties.outbox().pollInterval()).as("the poll this test must not depend on")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(notifications.awaitConnected(Duration.ofSeconds(20))).as("notification connection up").isTrue();
        // whatever earlier tests left is relayed first, so each row below is the only one
        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
    }

    @Test
    void aRowWrittenHereIsRelayedAtOnce() {
        for (int i = 0; i < 3; i++) {
            IntegrationEvent event = event();
            tx.executeWithoutResult(status -> writer.write(event.subject(), event));
            awaitRelayed(event.id());
        }
    }

    @Test
    void aRowAnotherInstanceAnnouncesIsRelayedAtOnce() {
        for (int i = 0; i < 3; i++) {
            String id = insertAsAnotherInstance(true);
            awaitRelayed(id);
        }
    }

    @Test
    void aRowWhoseNotificationIsLostIsRelayedByTheSafetyPoll() {
        // a second relay, as on another instance, with a short poll: no signal reaches either relay
        OutboxRelay polling = new OutboxRelay(jdbc, tx, publisher, Duration.ofMillis(500), 100,
                new SimpleMeterRegistry());
        polling.start();
        try {
            String id = insertAsAnotherInstance(false);
            await("relayed by the poll").atMost(Duration.ofSeconds(10)).until(() -> isGone(id));
        } finally {
            polling.stop();
        }
    }

    @Test
    void aDroppedListeningConnectionIsReestablished() {
        Integer killed = jdbc.queryForObject("""
                select count(pg_terminate_backend(pid))::int from pg_stat_activity
                where datname = current_database() and application_name = 'billstream-notifications'""",
                Integer.class);
        assertThat(killed).as("the listening connection was found").isPositive();
        await("reconnected").atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(200))
                .until(notifications::isConnected);
        String id = insertAsAnotherInstance(true);
        awaitRelayed(id);
    }

    private void awaitRelayed(String eventId) {
        long start = System.nanoTime();
        await("relayed " + eventId).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> isGone(eventId));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken, not polled").isLessThan(WAKE_UP);
    }

    /** A row as another instance's OutboxWriter leaves it, announced or (a lost notification) not. */
    private String insertAsAnotherInstance(boolean announce) {
        IntegrationEvent event = event();
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    insert into outbox_event (event_id, topic, record_key, payload, created_at)
                    values (?, ?, ?, ?, now())""", event.id(), event.topic(), event.subject(), codec.encode(event));
            if (announce) {
                jdbc.queryForObject("select pg_notify(?, ?)::text", String.class, OutboxRelay.CHANNEL,
                        "another-instance");
            }
        });
        return event.id();
    }

    private IntegrationEvent event() {
        String invoiceId = "inv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return IntegrationEvent.of("evt_" + UUID.randomUUID().toString().replace("-", ""), "billstream/test",
                EventTypes.DOCUMENT_GENERATED, invoiceId, Instant.now(), "ten_a", 1,
                mapper.createObjectNode().put("invoiceId", invoiceId));
    }

    private boolean isGone(String eventId) {
        Integer rows = jdbc.queryForObject("select count(*)::int from outbox_event where event_id = ?",
                Integer.class, eventId);
        return rows != null && rows == 0;
    }

    private long pending() {
        Long rows = jdbc.queryForObject("select count(*) from outbox_event", Long.class);
        return rows == null ? 0 : rows;
    }
}
