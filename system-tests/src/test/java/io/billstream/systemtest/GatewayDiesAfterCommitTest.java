package io.billstream.systemtest;

import io.billstream.systemtest.support.Report;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.SystemStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 §1, deterministic, with a real {@code kill -9}: payment-service holds a payment at the invoice's ledger
 * row lock (taken here on a connection of the test), the gateway that forwarded it is killed, the lock is released
 * so the payment commits with nobody to answer; after {@code ./billstream up} the client's retry with the same
 * Idempotency-Key gets the original payment (same id, 201, {@code Idempotent-Replayed: true}) and only one payment
 * exists. The same key with another body → 409 {@code idempotency_key_reused}.
 */
@FaultTest
@Order(19)
class GatewayDiesAfterCommitTest extends SystemTestBase {

    private static final String PAYMENT_DB = SystemStack.PG_URL.replace("/postgres", "/billstream_payment");

    @Test
    void theRetryAfterTheGatewayDiedGetsTheCommittedPayment() throws Exception {
        Scenario scenario = scenario("gwdies", List.of("payment.recorded"));
        String invoiceId = issueInvoices(scenario.tenant(), scenario.customerId(), 1, "100.00", 1).getFirst();
        await().atMost(Duration.ofMinutes(1)).until(() -> count(
                "select count(*) from invoice_ledger where invoice_id = ? and status = 'open'", invoiceId) == 1);
        String key = "gwdies-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("invoiceId", invoiceId, "amount", "40.00", "currency", "USD",
                "method", "card", "reference", "gwdies-1");

        Reply first;
        try (Connection lock = DriverManager.getConnection(PAYMENT_DB, "postgres", "")) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement(
                    "select 1 from invoice_ledger where invoice_id = ? for update")) {
                select.setString(1, invoiceId);
                select.executeQuery().close();
            }
            CompletableFuture<Reply> attempt = CompletableFuture.supplyAsync(
                    () -> scenario.tenant().key().post("/v1/payments", body, "Idempotency-Key", key));
            // the payment has reached payment-service and waits for the ledger row inside its key's transaction
            await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                    select count(*) from pg_stat_activity where datname = 'billstream_payment'
                      and wait_event_type = 'Lock' and query like '%invoice_ledger%for update%'""", null) == 1);
            stack().kill9("gateway");
            first = attempt.get();
            lock.commit();
        }
        assertThat(first.transportFailed()).as("the client lost its answer: %s", first.describe()).isTrue();
        // payment-service commits the payment with its key although nobody is left to answer
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from payment where invoice_id = ?", invoiceId) == 1);

        stack().restartMissing();
        Reply retry = scenario.tenant().key().post("/v1/payments", body, "Idempotency-Key", key);
        Reply other = scenario.tenant().key().post("/v1/payments", Map.of("invoiceId", invoiceId, "amount", "41.00",
                "currency", "USD", "method", "card"), "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.describe()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        String committedId = single("select id from payment where invoice_id = ?", invoiceId);
        assertThat(retry.str("id")).isEqualTo(committedId);
        assertThat(count("select count(*) from payment where invoice_id = ?", invoiceId)).isEqualTo(1);
        assertThat(other.status()).as(other.describe()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
        Reply invoice = scenario.tenant().key().getReliably("/v1/invoices/" + invoiceId);
        await().atMost(Duration.ofSeconds(30)).until(() -> "40.00".equals(
                scenario.tenant().key().getReliably("/v1/invoices/" + invoiceId).str("amountPaid")));
        Report.line("gwdies", "gateway killed while payment " + committedId + " waited at its ledger row; after the "
                + "restart the retry with the same key answered " + retry.status() + " replayed with that id; "
                + "payments of the invoice: 1; amountPaid 40.00 (was " + invoice.str("amountPaid") + " at first read)");
    }

    private static int count(String sql, String parameter) throws SQLException {
        return Integer.parseInt(single(sql, parameter));
    }

    private static String single(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PAYMENT_DB, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
