package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.idempotency.IdempotentRequestFilter;
import io.billstream.platform.ids.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/api-reference.md §2 across crashes, on the service side: the Idempotency-Key the gateway signs into the internal token is
 * kept in the payment's own transaction, so a retry whose first answer was lost — the gateway died after this
 * service committed, its own record gone or stale — gets the first payment back instead of paying twice.
 */
class IdempotentPaymentTest extends PaymentIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aRetryAfterTheAnswerWasLostReturnsTheFirstPaymentAndPaysOnce() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String body = paymentBody(invoice.id, "40.00");
        IdempotencyKey key = key(tenant, "fp-1");

        HttpResult first = api.post(PaymentApi.writer(tenant), "/v1/payments", body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotentRequestFilter.REPLAYED)).isEmpty();
        // the key is stored with the payment, in this service's database
        assertThat(jdbc.queryForObject("select response_status from idempotency_key where tenant_id = ? "
                + "and idempotency_key = ?", Integer.class, tenant, key.key())).isEqualTo(201);

        // the gateway that forwarded the first attempt died before answering; the client's retry reaches a
        // gateway that knows nothing of the key and forwards it again
        double replayedBefore = replayed();
        HttpResult retry = api.post(PaymentApi.writer(tenant), "/v1/payments", body, key);
        assertThat(replayed()).isEqualTo(replayedBefore + 1);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotentRequestFilter.REPLAYED)).contains("true");
        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(payments(invoice.id)).isEqualTo(1);
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("40.00");
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where record_key = ?", Integer.class,
                invoice.id)).isLessThanOrEqualTo(1);
    }

    /**
     * A keyed payment runs in its key's transaction. Locking the ledger row first must not keep that lock while it
     * waits for a draft to be issued: the issued event's upsert would wait on the lock, and the payment on the event.
     */
    @Test
    void aKeyedPaymentOnADraftWaitsForItsIssueWithoutHoldingItBack() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "50.00");
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "50.00"));
        awaitLedger(invoice);
        IntegrationEvent issued = invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "50.00");

        CompletableFuture<HttpResult> payment = CompletableFuture.supplyAsync(() -> api.post(
                PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "50.00"), key(tenant, "fp-draft")));
        // the payment is waiting for the issue (up to 2 s) in its key's open transaction
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.queryForObject("""
                select count(*) from pg_stat_activity where datname = current_database()
                   and state like 'idle in transaction%' and now() - xact_start > interval '100 milliseconds'""",
                Integer.class) > 0);
        invoices.send(issued);

        HttpResult answer = payment.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(payments(invoice.id)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndPaysNothing() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        IdempotencyKey key = key(tenant, "fp-a");
        assertThat(api.post(PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "10.00"), key)
                .status()).isEqualTo(201);

        IdempotencyKey sameKeyOtherRequest = new IdempotencyKey(tenant, key.key(), "fp-b");
        HttpResult reused = api.post(PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "20.00"),
                sameKeyOtherRequest);

        assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        assertThat(payments(invoice.id)).isEqualTo(1);
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("10.00");
    }

    @Test
    void keysAreScopedPerTenant() {
        String alice = newTenant();
        String bob = newTenant();
        InvoiceEvents.Invoice aliceInvoice = invoices.issued(alice, "USD", "50.00");
        InvoiceEvents.Invoice bobInvoice = invoices.issued(bob, "USD", "50.00");
        awaitLedger(aliceInvoice);
        awaitLedger(bobInvoice);
        String shared = "order-" + Ids.newId("k");

        HttpResult a = api.post(PaymentApi.writer(alice), "/v1/payments", paymentBody(aliceInvoice.id, "5.00"),
                new IdempotencyKey(alice, shared, "fp"));
        HttpResult b = api.post(PaymentApi.writer(bob), "/v1/payments", paymentBody(bobInvoice.id, "5.00"),
                new IdempotencyKey(bob, shared, "fp"));

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(b.headers().firstValue(IdempotentRequestFilter.REPLAYED)).isEmpty();
        assertThat(b.text("id")).isNotEqualTo(a.text("id"));
    }

    @Test
    void duplicatesRacingPastADeadGatewayPayOnce() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        String body = paymentBody(invoice.id, "25.00");
        IdempotencyKey key = key(tenant, "fp-race");
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResult>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(PaymentApi.writer(tenant), "/v1/payments", body, key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResult> answer : answers) {
                HttpResult result = answer.get();
                assertThat(result.status()).as(result.toString()).isEqualTo(201);
                ids.add(result.text("id"));
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
        assertThat(payments(invoice.id)).isEqualTo(1);
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("25.00");
    }

    @Test
    void aRefusalKeepsNoKeyAndARetryIsDecidedAfresh() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        IdempotencyKey key = key(tenant, "fp-over");

        HttpResult refused = api.post(PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "100.01"),
                key);

        assertThat(refused.code()).as(refused.toString()).isEqualTo("amount_exceeds_due");
        assertThat(keys(tenant)).isZero();
        assertThat(payments(invoice.id)).isZero();
    }

    @Test
    void whenTheKeyCannotBeRecordedThePaymentRollsBackWithIt() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        IdempotencyKey key = key(tenant, "fp-boom");
        // fails the statement that stores the answer, which runs after the payment row was written
        jdbc.execute("""
                create or replace function idempotency_boom() returns trigger language plpgsql as $$
                begin raise exception 'boom'; end $$""");
        jdbc.execute("create trigger idempotency_boom before update on idempotency_key for each row when "
                + "(new.idempotency_key = '" + key.key() + "') execute function idempotency_boom()");
        try {
            HttpResult failed = api.post(PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "30.00"),
                    key);

            assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        } finally {
            jdbc.execute("drop trigger idempotency_boom on idempotency_key");
        }
        assertThat(payments(invoice.id)).isZero();
        assertThat(paidNet(invoice.id)).isEqualByComparingTo("0");
        assertThat(keys(tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where record_key = ?", Integer.class,
                invoice.id)).isZero();

        HttpResult retried = api.post(PaymentApi.writer(tenant), "/v1/payments", paymentBody(invoice.id, "30.00"),
                key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(payments(invoice.id)).isEqualTo(1);
    }

    private String paymentBody(String invoiceId, String amount) {
        return api.json(Map.of("invoiceId", invoiceId, "amount", amount, "currency", "USD", "method", "card"));
    }

    private static IdempotencyKey key(String tenant, String fingerprint) {
        return new IdempotencyKey(tenant, "key-" + Ids.newId("k"), fingerprint);
    }

    private int payments(String invoiceId) {
        return jdbc.queryForObject("select count(*) from payment where invoice_id = ?", Integer.class, invoiceId);
    }

    private double replayed() {
        var counter = meters.find("billstream.idempotency.requests").tag("outcome", "replayed").counter();
        return counter == null ? 0 : counter.count();
    }

    private int keys(String tenant) {
        return jdbc.queryForObject("select count(*) from idempotency_key where tenant_id = ?", Integer.class, tenant);
    }

}
