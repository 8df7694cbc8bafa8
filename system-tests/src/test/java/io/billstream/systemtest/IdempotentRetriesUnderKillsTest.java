package io.billstream.systemtest;

import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.PaymentLoad;
import io.billstream.systemtest.support.Report;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 §1 with real {@code kill -9}: clients that retry every undecided POST after ~1 s with the same
 * Idempotency-Key (and do nothing else to protect themselves) pay invoices in parts while the gateway is killed
 * twice and each service once. Afterwards the payments that exist are exactly the ones answered 201, every
 * invoice's amountPaid equals the sum of its payments, and no client request was refused.
 */
@FaultTest
@Order(20)
class IdempotentRetriesUnderKillsTest extends SystemTestBase {

    private static final List<String> VICTIMS = List.of("gateway", "payment-service-1", "gateway",
            "invoice-service-1", "webhook-service-1", "document-service");

    @Test
    void retriedPaymentsApplyExactlyOnceAcrossKills() throws Exception {
        String label = "idemkills";
        Scenario scenario = scenario(label, LEDGER_EVENTS);
        List<String> invoiceIds = issueInvoices(scenario.tenant(), scenario.customerId(), 18, "100.00", 4);
        List<PaymentLoad.Planned> plan = new PaymentLoad(scenario.tenant()).plan(invoiceIds, 4, "25.00", label);
        int wave = plan.size() / VICTIMS.size();

        List<PaymentLoad> loads = new ArrayList<>();
        Map<String, Integer> undecided = new TreeMap<>();
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < VICTIMS.size(); i++) {
            String victim = VICTIMS.get(i);
            List<PaymentLoad.Planned> part = plan.subList(i * wave, i == VICTIMS.size() - 1 ? plan.size()
                    : (i + 1) * wave);
            PaymentLoad load = new PaymentLoad(scenario.tenant()).trustingTheKey().paced(Duration.ofMillis(150));
            loads.add(load);
            CompletableFuture<PaymentLoad> running = load.start(part, 4);
            await().atMost(Duration.ofMinutes(3)).until(() -> load.completed() >= 3 || running.isDone());
            long pid = stack().pid(victim);
            stack().kill9(victim);
            Instant killed = Instant.now();
            kills.add(victim + " (pid " + pid + ") after " + load.completed() + " of " + part.size());
            // the clients run into the hole (their POSTs in flight die with it) before the operator restarts it
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> running.isDone()
                    || !load.undecidedAnswers().isEmpty() || Duration.between(killed, Instant.now()).toSeconds() >= 5);
            stack().restartMissing();
            kills.set(kills.size() - 1, kills.getLast() + ", back after "
                    + Duration.between(killed, Instant.now()).toSeconds() + " s");
            running.get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
            load.undecidedAnswers().forEach((answer, n) -> undecided.merge(answer, n, Integer::sum));
            kills.set(kills.size() - 1, kills.getLast() + ", clients retried " + load.undecidedAnswers());
            assertThat(load.refusals()).as("client requests refused (wave %d, %s)", i, victim).isEmpty();
        }

        List<String> answered201 = new ArrayList<>();
        loads.forEach(load -> answered201.addAll(load.acceptedIds()));
        long found = loads.stream().mapToLong(load -> load.count(PaymentLoad.Kind.FOUND_AFTER_FAILURE)).sum();
        assertThat(found).as("this client never looks payments up").isZero();
        assertThat(new HashSet<>(answered201)).as("one 201 per planned payment, each its own").hasSize(plan.size());

        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(invoiceIds, answered201, true);
        assertThat(figures.payments()).as("payments that exist = payments answered 201 (none without an answer)")
                .isEqualTo(answered201.size());

        Report.line(label, plan.size() + " payments by 4 retrying clients per wave across " + kills.size()
                + " kill -9: " + String.join("; ", kills));
        Report.line(label, "undecided answers the clients retried with the same key: " + undecided
                + "; payments without an answer: " + (figures.payments() - answered201.size()));
        Report.line(label, "invariants: " + figures);
    }
}
