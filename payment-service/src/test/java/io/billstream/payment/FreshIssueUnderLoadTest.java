package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.SeenVersion;
import io.billstream.testsupport.HeldTransactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 "false 409 under load": with both cores saturated, paying an invoice whose issue the client has already
 * been answered with must never be told the invoice is a draft. The gateway signs the version the client saw (the
 * issue's ETag) into the internal token; a ledger that has not reached it after the wait answers 503 with
 * {@code Retry-After}, and the client's retry, once the event is in, pays.
 */
class FreshIssueUnderLoadTest extends PaymentIntegrationTest {

    @Test
    void payingRightAfterIssuingIsNeverToldTheInvoiceIsADraftWithBothCoresBusy() {
        String tenant = newTenant();
        List<Integer> firstAnswers = new ArrayList<>();
        try (CpuBurner ignored = CpuBurner.saturate()) {
            for (int i = 0; i < 3; i++) {
                InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "50.00");
                invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "50.00"));
                awaitLedger(invoice);
                // invoice-service has issued it and answered the client with ETag "2"; the event is still on its
                // way (held back here, as a busy machine holds it back)
                IntegrationEvent issued = invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "50.00");
                SeenVersion seen = new SeenVersion(invoice.id, invoice.version);
                String body = api.json(Map.of("invoiceId", invoice.id, "amount", "50.00", "currency", "USD",
                        "method", "card"));

                HttpResult early = api.post(PaymentApi.writer(tenant), "/v1/payments", body, seen);

                assertThat(early.status()).as(early.toString()).isEqualTo(503);
                assertThat(early.code()).isEqualTo("service_unavailable");
                assertThat(early.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(jdbc.queryForObject("select count(*) from payment where invoice_id = ?", Integer.class,
                        invoice.id)).isZero();

                invoices.send(issued);
                // the client retries as Retry-After says, until it is answered
                AtomicReference<HttpResult> last = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    last.set(api.post(PaymentApi.writer(tenant), "/v1/payments", body, seen));
                    return last.get().status() != 503;
                });
                firstAnswers.add(last.get().status());
                assertThat(last.get().status()).as(last.get().toString()).isEqualTo(201);
            }
        }
        assertThat(firstAnswers).containsOnly(201);
    }

    @Test
    void aDraftTheClientHasOnlySeenAsADraftIsStillRefused() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "50.00");
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "50.00"));
        awaitLedger(invoice);
        String body = api.json(Map.of("invoiceId", invoice.id, "amount", "50.00", "currency", "USD",
                "method", "card"));

        HttpResult refused = api.post(PaymentApi.writer(tenant), "/v1/payments", body,
                new SeenVersion(invoice.id, invoice.version));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("invoice_not_payable");
    }

    /**
     * A payment with an Idempotency-Key runs inside the key's transaction; its wait for the issued invoice used to
     * hold that transaction, and a pooled connection, open for up to two seconds (a burst could drain the pool). The
     * wait now comes first: while it lasts, no transaction of this database is open for longer than a moment, and
     * once the event is in, the payment is recorded once, under its key.
     */
    @Test
    void aKeyedPaymentWaitsForTheIssuedInvoiceWithoutHoldingATransaction() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "50.00");
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "50.00"));
        awaitLedger(invoice);
        IntegrationEvent issued = invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "50.00");
        String body = api.json(Map.of("invoiceId", invoice.id, "amount", "50.00", "currency", "USD",
                "method", "card"));
        IdempotencyKey key = new IdempotencyKey(tenant, "key-" + invoice.id, "fp-" + invoice.id);

        CompletableFuture<HttpResult> paying = CompletableFuture.supplyAsync(() -> api.post(
                PaymentApi.writer(tenant), "/v1/payments", body, key, new SeenVersion(invoice.id, invoice.version)));
        int held = HeldTransactions.sample(jdbc.getDataSource(), 10, Duration.ofMillis(50), Duration.ofMillis(150));
        assertThat(paying).as("still waiting for the issued invoice").isNotDone();
        invoices.send(issued);
        AtomicReference<HttpResult> paid = new AtomicReference<>(paying.get(30, TimeUnit.SECONDS));
        // a slow broker may bring the event after the wait ran out (503): the client retries with the same key
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (paid.get().status() == 503) {
                paid.set(api.post(PaymentApi.writer(tenant), "/v1/payments", body, key,
                        new SeenVersion(invoice.id, invoice.version)));
            }
            return paid.get().status() != 503;
        });

        assertThat(held).as("samples that found a transaction held open while the payment waited").isZero();
        assertThat(paid.get().status()).as(paid.get().toString()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from payment where invoice_id = ?", Integer.class,
                invoice.id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?",
                Integer.class, key.key())).isEqualTo(1);
    }

    /** Busy-spinning threads, one per core and one more, for as long as it is open. */
    static final class CpuBurner implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static CpuBurner saturate() {
            CpuBurner burner = new CpuBurner();
            int count = Runtime.getRuntime().availableProcessors() + 1;
            for (int i = 0; i < count; i++) {
                Thread thread = Thread.ofPlatform().name("cpu-burner-" + i).daemon().start(() -> {
                    long x = 0;
                    while (burner.running.get()) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                });
                burner.threads.add(thread);
            }
            return burner;
        }

        @Override
        public void close() {
            running.set(false);
            threads.forEach(t -> {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
