package io.billstream.systemtest;

import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.PaymentLoad;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.Report;
import io.billstream.systemtest.support.SystemStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable for payment-service (its database refuses connections and its sessions are ended —
 * only the stack's own {@code billstream_payment} database is touched): requests get a 503 problem+json with
 * {@code Retry-After}; once the database accepts connections again the same processes serve again, and an
 * invoice issued meanwhile becomes payable (its event was not lost).
 */
@FaultTest
@Order(12)
class DatabaseOutageTest extends SystemTestBase {

    private static final String DATABASE = "billstream_payment";

    @AfterEach
    void allowConnectionsAgain() throws SQLException {
        setAllowConnections(true);
    }

    @Test
    void paymentDatabaseUnreachableThenBack() throws Exception {
        Scenario scenario = scenario("database", LEDGER_EVENTS);
        List<String> invoiceIds = new ArrayList<>(issueInvoices(scenario.tenant(), scenario.customerId(), 10, "100.00", 4));
        PaymentLoad before = new PaymentLoad(scenario.tenant());
        before.start(before.plan(invoiceIds, 1, "50.00", "dbbefore"), 2).get(5, TimeUnit.MINUTES);
        assertThat(before.refusals()).isEmpty();
        long pid0 = stack().pid("payment-service");
        long pid1 = stack().pid("payment-service-1");

        setAllowConnections(false);
        int ended = terminateSessions();
        Instant cut = Instant.now();

        List<Reply> during = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            during.add(scenario.api().post("/v1/payments", Map.of("invoiceId", invoiceIds.get(i), "amount", "10.00",
                    "currency", "USD", "method", "cash", "reference", "dbdown-" + i)));
            during.add(scenario.api().get("/v1/payments?invoiceId=" + invoiceIds.get(i)));
        }
        // The event of an invoice issued while payment-service cannot store it must not be lost.
        List<String> issuedDuring = issueInvoices(scenario.tenant(), scenario.customerId(), 3, "100.00", 1);
        for (Reply reply : during) {
            assertThat(reply.status()).as(reply.describe()).isEqualTo(503);
            assertThat(reply.header("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(reply.code()).isEqualTo("service_unavailable");
            assertThat(reply.header("Retry-After")).isPresent();
        }
        long slowest = during.stream().mapToLong(r -> r.latency().toMillis()).max().orElse(0);
        double mean = during.stream().mapToLong(r -> r.latency().toMillis()).average().orElse(0);
        Report.line("database", DATABASE + " refusing connections (" + ended + " sessions ended): " + during.size()
                + " requests answered 503 problem+json with Retry-After, latency mean " + Math.round(mean)
                + " ms, max " + slowest + " ms");

        setAllowConnections(true);
        Instant back = Instant.now();
        await("payment-service serves again without a restart").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Reply list = scenario.api().get("/v1/payments?invoiceId=" + invoiceIds.get(0));
                    assertThat(list.status()).as(list.describe()).isEqualTo(200);
                });
        Report.line("database", "serving again " + Duration.between(back, Instant.now()).toMillis()
                + " ms after connections were allowed; outage lasted " + Duration.between(cut, back).toSeconds() + " s");
        assertThat(stack().pid("payment-service")).isEqualTo(pid0);
        assertThat(stack().pid("payment-service-1")).isEqualTo(pid1);
        assertThat(stack().alive("payment-service") && stack().alive("payment-service-1")).isTrue();

        PaymentLoad after = new PaymentLoad(scenario.tenant());
        List<String> all = new ArrayList<>(invoiceIds);
        all.addAll(issuedDuring);
        List<PaymentLoad.Planned> plan = new ArrayList<>(after.plan(invoiceIds, 1, "50.00", "dbafter"));
        plan.addAll(after.plan(issuedDuring, 1, "100.00", "dbissued"));
        after.start(plan, 2).get(5, TimeUnit.MINUTES);
        Report.line("database", "after: " + after.summary());
        assertThat(after.refusals()).as("payments after the outage (incl. invoices issued during it)").isEmpty();

        List<String> accepted = new ArrayList<>(before.acceptedIds());
        accepted.addAll(after.acceptedIds());
        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(all, accepted, true);
        Report.line("database", "invariants: " + figures);
    }

    private static void setAllowConnections(boolean allow) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SystemStack.PG_URL, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("alter database " + DATABASE + " allow_connections " + allow);
        }
    }

    private static int terminateSessions() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SystemStack.PG_URL, "postgres", "");
             var statement = connection.prepareStatement("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where datname = ? and pid <> pg_backend_pid()")) {
            statement.setString(1, DATABASE);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
