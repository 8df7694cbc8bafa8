package io.billstream.invoice;

import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.Notifications;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wake-up the event stores rely on (migrations V100 and V121, config.WakeableEventStore): an append to the event
 * store is announced on channel invoice_events when it commits, once per transaction, to every instance, the
 * writer's included. The writer needs it too: a command that runs inside a request's Idempotency-Key transaction
 * ends its unit of work, and with it Axon's own wake-up of the store, before that transaction commits.
 */
@ServiceIntegrationTest
class EventAppendNotificationTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DatabaseNotifications instance;
    @Value("${local.server.port}")
    int port;
    @Value("${billstream.invoice.event-store.safety-poll:30s}")
    Duration safetyPoll;

    @Test
    void everyCommandThatAppendsEventsIsAnnouncedToEveryInstance() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        try (Connection listener = dataSource.getConnection()) {
            Notifications appends = Notifications.listen(listener, "invoice_events");

            String id = http.draft();
            http.post("/v1/invoices/" + id + "/line-items", """
                    {"description": "Hosting", "kind": "expense", "quantity": "1", "unitPrice": "20.00"}""");

            List<PGNotification> received = appends.drain(2_000);
            // the draft and the line item: two commands, two transactions (other tests' commands may add more)
            assertThat(received).hasSizeGreaterThanOrEqualTo(2).allSatisfy(n -> {
                assertThat(n.getName()).isEqualTo("invoice_events");
                assertThat(n.getParameter()).as("unsigned: the writing instance wakes on it as well").isEmpty();
            });
        }
    }

    @Test
    void aKeyedCommandsEventsReachTheProcessorsWithoutWaitingForThePoll() {
        assertThat(safetyPoll).as("the poll this test must not depend on").isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(instance.awaitConnected(Duration.ofSeconds(20))).as("notification connection up").isTrue();
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        http.post("/v1/invoices/" + id + "/line-items", """
                {"description": "Hosting", "kind": "expense", "quantity": "1", "unitPrice": "20.00"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> "draft".equals(status(id)));

        InvoiceHttp.Res issued = http.post("/v1/invoices/" + id + "/issue", null, "key-" + id, "fp-issue");
        assertThat(issued.status()).isEqualTo(200);

        // the list projection is a processor like the Kafka publisher; with only the poll it would take up to 30 s
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> "open".equals(status(id)));
    }

    private String status(String invoiceId) {
        return jdbc.query("select status from invoice_view where id = ?", (rs, i) -> rs.getString(1), invoiceId)
                .stream().findFirst().orElse(null);
    }
}
