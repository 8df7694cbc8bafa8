package io.billstream.systemtest;

import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.PaymentLoad;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.Report;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances each of invoice-, payment- and webhook-service behind the gateway: 100 invoices issued
 * concurrently, then 500 payments (5 × 20 % per invoice, shuffled, from 8 client threads). Nothing is applied
 * twice, no event becomes two webhook messages, numbering stays gapless.
 */
@Order(2)
class MultiInstanceBurstTest extends SystemTestBase {

    private static final int INVOICES = 100;
    private static final int PAYMENTS_PER_INVOICE = 5;

    @Test
    void burstOf500PaymentsAcross100Invoices() throws Exception {
        Scenario scenario = scenario("burst", LEDGER_EVENTS);

        Instant issuing = Instant.now();
        List<String> invoiceIds = issueInvoices(scenario.tenant(), scenario.customerId(), INVOICES, "100.00", 8);
        Report.line("burst", INVOICES + " invoices created and issued from 8 threads in "
                + Duration.between(issuing, Instant.now()).toMillis() + " ms");

        PaymentLoad load = new PaymentLoad(scenario.tenant());
        List<PaymentLoad.Planned> plan = load.plan(invoiceIds, PAYMENTS_PER_INVOICE, "20.00", "burst");
        load.start(plan, 8).get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        Report.line("burst", load.summary());
        assertThat(load.refusals()).as("payments refused or given up").isEmpty();
        assertThat(load.acceptedIds()).hasSize(INVOICES * PAYMENTS_PER_INVOICE).doesNotHaveDuplicates();

        // The same requests again with their Idempotency-Keys: the first answers, nothing applied again.
        List<PaymentLoad.Outcome> replays = load.outcomes().subList(0, 25);
        for (PaymentLoad.Outcome outcome : replays) {
            Reply replay = scenario.api().post("/v1/payments", Map.of("invoiceId", outcome.planned().invoiceId(),
                            "amount", outcome.planned().amount(), "currency", "USD", "method", "bank_transfer",
                            "reference", outcome.planned().reference()),
                    "Idempotency-Key", outcome.idempotencyKey());
            assertThat(replay.status()).as(replay.describe()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).contains("true");
            assertThat(replay.str("id")).isEqualTo(outcome.paymentId());
        }

        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(invoiceIds, load.acceptedIds(), true);
        assertThat(figures.payments()).isEqualTo(INVOICES * PAYMENTS_PER_INVOICE);

        // A sixth payment on a paid invoice is refused: the ledger is full.
        Reply extra = scenario.api().postReliably("/v1/payments", Map.of("invoiceId", invoiceIds.get(0),
                "amount", "20.00", "currency", "USD", "method", "cash"));
        assertThat(extra.status()).as(extra.describe()).isEqualTo(409);
        assertThat(extra.code()).isEqualTo("invoice_not_payable");

        Report.line("burst", "25 replays with the same Idempotency-Key answered the first payment; invariants: "
                + figures);
    }

    /**
     * One draft edited from 8 threads through the gateway, which spreads the requests over both invoice-service
     * instances: each instance's lock orders its own commands, but the two can load the same version and race to
     * append. The loser must be retried on the newer version, never answered with a 500.
     */
    @Test
    void concurrentEditsOfOneDraftOnBothInstancesAllLand() throws Exception {
        Scenario scenario = scenario("edits", LEDGER_EVENTS);
        String draft = scenario.tenant().createSimpleDraft(scenario.customerId(), "10.00", "First line");
        int lines = 24;
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < lines; i++) {
                String description = "Concurrent line " + i;
                replies.add(threads.submit(() -> scenario.api().post("/v1/invoices/" + draft + "/line-items",
                        Map.of("description", description, "kind", "service", "quantity", "1", "unit", "item",
                                "unitPrice", "1.00"))));
            }
        }
        for (Future<Reply> reply : replies) {
            Reply added = reply.get();
            assertThat(added.status()).as(added.describe()).isEqualTo(201);
        }
        Reply invoice = scenario.api().getReliably("/v1/invoices/" + draft);
        assertThat(invoice.json().path("lineItems")).hasSize(lines + 1);
        assertThat(invoice.str("subtotal")).isEqualTo("34.00");
        Report.line("edits", lines + " line items added to one draft from 8 threads across 2 instances: all 201");
    }
}
