package io.billstream.invoice;

import com.zaxxer.hikari.HikariDataSource;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.Notifications;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wake-up other instances' event stores rely on (migration V100, config.WakeableEventStore): an append to the
 * event store is announced on channel invoice_events when it commits, once per transaction, signed by the instance
 * that wrote it (V120), which therefore does not wake its own store a second time.
 */
@ServiceIntegrationTest
class EventAppendNotificationTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    DataSource dataSource;
    @Autowired
    DatabaseNotifications instance;
    @Value("${local.server.port}")
    int port;

    @Test
    void everyCommandThatAppendsEventsIsAnnounced() throws Exception {
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
                assertThat(n.getParameter()).as("signed by this instance, which ignores it")
                        .isEqualTo(instance.self());
            });
        }
    }

    @Test
    void aWriterWithoutANameWakesEveryInstance() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        // a session opened without the pool's start-up option, as psql or an older instance would write
        try (Connection listener = dataSource.getConnection();
             Connection unnamed = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                     pool.getPassword())) {
            Notifications appends = Notifications.listen(listener, "invoice_events");
            try (Statement statement = unnamed.createStatement()) {
                // the event table's own trigger function on a table of this session, so no event is stored
                statement.execute("create temp table appended (x int)");
                statement.execute("create trigger announce after insert on appended for each statement "
                        + "execute function announce_invoice_events()");
                statement.execute("insert into appended values (1)");
            }
            assertThat(appends.drain(1_000)).isNotEmpty().allSatisfy(n -> assertThat(n.getParameter())
                    .as("no name: every instance, the writer's included, takes it as another's").isEmpty());
        }
    }
}
