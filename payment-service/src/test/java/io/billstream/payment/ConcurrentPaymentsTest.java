package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentPaymentsTest extends PaymentIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void tenConcurrentPaymentsOfTwentyPercentNeverOverpay() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "1000.00");
        awaitLedger(invoice);

        List<HttpResult> results = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<HttpResult>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.pay(tenant, invoice.id, "200.00", "USD");
                }));
            }
            start.countDown();
            for (Future<HttpResult> future : futures) {
                results.add(future.get());
            }
        }

        assertThat(results.stream().filter(r -> r.status() == 201)).as(results.toString()).hasSize(5);
        assertThat(results.stream().filter(r -> r.status() == 422)).hasSize(5)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("amount_exceeds_due"));
        assertThat(jdbc.queryForObject("select sum(amount) from payment where invoice_id = ?", BigDecimal.class,
                invoice.id)).isEqualByComparingTo("1000.00");
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("1000.00");
        assertThat(paymentRecords(invoice.id, 5)).hasSize(5);
    }

    @Test
    void aPaymentWaitsForAnotherInstancesTransactionOnTheSameInvoice() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);

        // another instance: its own connection, in the middle of paying the whole invoice
        try (Connection other = dataSource.getConnection();
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "select paid_net from invoice_ledger where invoice_id = ? for update");
                 PreparedStatement pay = other.prepareStatement(
                         "update invoice_ledger set paid_net = total where invoice_id = ?")) {
                lock.setString(1, invoice.id);
                lock.executeQuery().close();
                pay.setString(1, invoice.id);
                pay.executeUpdate();
            }
            Future<HttpResult> payment = pool.submit(() -> api.pay(tenant, invoice.id, "10.00", "USD"));
            await().atMost(KAFKA_WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where datname = current_database()"
                            + " and wait_event_type = 'Lock' and query like '%invoice_ledger%for update%'",
                    Integer.class) == 1);
            assertThat(payment).isNotDone();
            other.commit();
            other.setAutoCommit(true);

            HttpResult result = payment.get();
            assertThat(result.status()).as(result.toString()).isEqualTo(422);
            assertThat(result.code()).isEqualTo("amount_exceeds_due");
        }
        assertThat(jdbc.queryForObject("select count(*) from payment where invoice_id = ?", Integer.class,
                invoice.id)).isZero();
    }
}
