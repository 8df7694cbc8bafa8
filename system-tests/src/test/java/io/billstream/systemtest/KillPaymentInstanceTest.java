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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of payment-service instance 1 while clients are paying, then {@code ./billstream up} brings it
 * back: the clients' payments all land exactly once (the gateway routes around the dead instance; a client repeats
 * what got no answer), and after the restart both instances take payments again.
 */
@Order(3)
class KillPaymentInstanceTest extends SystemTestBase {

    private static final String VICTIM = "payment-service-1";

    @Test
    void killNineOfAPaymentInstanceDuringLoad() throws Exception {
        Scenario scenario = scenario("killpay", LEDGER_EVENTS);
        List<String> invoiceIds = new ArrayList<>(issueInvoices(scenario.tenant(), scenario.customerId(), 40, "100.00", 6));

        PaymentLoad load = new PaymentLoad(scenario.tenant());
        CompletableFuture<PaymentLoad> running = load.start(load.plan(invoiceIds, 4, "25.00", "kill"), 4);
        await().atMost(Duration.ofMinutes(3)).until(() -> load.completed() >= 40 || running.isDone());
        long pid = stack().pid(VICTIM);
        stack().kill9(VICTIM);
        Instant killed = Instant.now();
        int doneAtKill = load.completed();
        running.get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        Report.line("kill", "kill -9 of " + VICTIM + " (pid " + pid + ") after " + doneAtKill + " of 160 payments; "
                + load.summary());
        assertThat(load.refusals()).as("payments refused or given up while an instance was dead").isEmpty();
        assertThat(stack().alive(VICTIM)).isFalse();

        stack().restartMissing();
        Report.line("kill", VICTIM + " restarted by ./billstream up " + Duration.between(killed, Instant.now()).toSeconds()
                + " s after the kill (new pid " + stack().pid(VICTIM) + ")");

        // How long until an invoice issued now is payable again (docs/api-reference.md §6 read-your-writes): the consumer group
        // waits for the killed member's session to time out before it assigns partitions again.
        Instant restarted = Instant.now();
        String probe = issueInvoices(scenario.tenant(), scenario.customerId(), 1, "1.00", 1).get(0);
        invoiceIds.add(probe);
        int false404 = 0;
        Reply probePayment;
        while (true) {
            probePayment = scenario.api().postReliably("/v1/payments", Map.of("invoiceId", probe, "amount", "1.00",
                    "currency", "USD", "method", "cash", "reference", "probe"));
            if (probePayment.status() != 404 || Duration.between(restarted, Instant.now()).toMinutes() >= 3) {
                break;
            }
            false404++;
        }
        assertThat(probePayment.status()).as(probePayment.describe()).isEqualTo(201);
        Report.line("kill", "an invoice issued right after the restart was payable after "
                + Duration.between(restarted, Instant.now()).toSeconds() + " s (" + false404 + " answers 404 "
                + "not_found before, each after payment-service's 2 s wait), " + Duration.between(killed, Instant.now())
                .toSeconds() + " s after the kill");

        // After the restart: more invoices, paid through both instances again.
        List<String> later = issueInvoices(scenario.tenant(), scenario.customerId(), 10, "100.00", 4);
        PaymentLoad after = new PaymentLoad(scenario.tenant());
        after.start(after.plan(later, 2, "50.00", "after"), 4).get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        assertThat(after.refusals()).isEmpty();
        Report.line("kill", "after restart: " + after.summary());

        invoiceIds.addAll(later);
        List<String> accepted = new ArrayList<>(load.acceptedIds());
        accepted.add(probePayment.str("id"));
        accepted.addAll(after.acceptedIds());
        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(invoiceIds, accepted, true);
        Report.line("kill", "invariants: " + figures);
    }
}
