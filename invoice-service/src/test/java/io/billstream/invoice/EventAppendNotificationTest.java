package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wake-up other instances' event stores rely on (migration V100, config.WakeableEventStore): an append to the
 * event store is announced on channel invoice_events when it commits, once per transaction.
 */
@ServiceIntegrationTest
class EventAppendNotificationTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    DataSource dataSource;
    @Value("${local.server.port}")
    int port;

    @Test
    void everyCommandThatAppendsEventsIsAnnounced() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        try (Connection listener = dataSource.getConnection()) {
            listener.setAutoCommit(true);
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN invoice_events");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            drain(pg, 200);

            String id = http.draft();
            http.post("/v1/invoices/" + id + "/line-items", """
                    {"description": "Hosting", "kind": "expense", "quantity": "1", "unitPrice": "20.00"}""");

            List<PGNotification> received = drain(pg, 2_000);
            // the draft and the line item: two commands, two transactions (other tests' commands may add more)
            assertThat(received).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(n -> assertThat(n.getName()).isEqualTo("invoice_events"));
        }
    }

    /** Everything that arrives within {@code millis}. */
    private static List<PGNotification> drain(PGConnection pg, int millis) throws Exception {
        List<PGNotification> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            PGNotification[] batch = pg.getNotifications((int) left);
            if (batch != null) {
                all.addAll(List.of(batch));
            }
        }
        return all;
    }
}
