package io.billstream.systemtest;

import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.PaymentLoad;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.Report;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of each kind of service in turn while clients issue invoices and pay, then
 * {@code ./billstream up}: no payment lost or applied twice, numbers gapless, every event delivered.
 */
@FaultTest
@Order(10)
class KillEachServiceTest extends SystemTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"invoice-service-1", "webhook-service-1", "document-service", "gateway"})
    void killNineDuringLoadThenRestart(String victim) throws Exception {
        String label = "kill" + victim.replaceAll("[^a-z0-9]", "");
        Scenario scenario = scenario(label, LEDGER_EVENTS);
        List<String> invoiceIds = new ArrayList<>(issueInvoices(scenario.tenant(), scenario.customerId(), 20, "100.00", 4));

        PaymentLoad load = new PaymentLoad(scenario.tenant()).paced(Duration.ofMillis(250));
        CompletableFuture<PaymentLoad> payments = load.start(load.plan(invoiceIds, 4, "25.00", label), 3);
        CompletableFuture<List<String>> issuing = CompletableFuture.supplyAsync(
                () -> issueInvoices(scenario.tenant(), scenario.customerId(), 15, "100.00", 2));
        await().atMost(Duration.ofMinutes(3)).until(() -> load.completed() >= 15 || payments.isDone());

        long pid = stack().pid(victim);
        stack().kill9(victim);
        Instant killed = Instant.now();
        int doneAtKill = load.completed();
        // Let the clients run into the hole for a while before the operator restarts it.
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(1))
                .until(() -> payments.isDone() || load.completed() >= doneAtKill + 15
                        || Duration.between(killed, Instant.now()).toSeconds() >= 10);
        stack().restartMissing();
        long downSeconds = Duration.between(killed, Instant.now()).toSeconds();

        payments.get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        List<String> issuedDuring = issuing.get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        Report.line(label, "kill -9 of " + victim + " (pid " + pid + ") after " + doneAtKill + " of 80 payments, "
                + "restarted after " + downSeconds + " s; 15 invoices issued meanwhile; " + load.summary());
        assertThat(load.refusals()).as("payments refused or given up").isEmpty();

        PaymentLoad after = new PaymentLoad(scenario.tenant());
        after.start(after.plan(issuedDuring, 1, "100.00", label + "after"), 3).get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        assertThat(after.refusals()).isEmpty();
        invoiceIds.addAll(issuedDuring);

        if (victim.startsWith("document")) {
            for (String invoiceId : invoiceIds) {
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    Reply pdf = scenario.api().get("/v1/invoices/" + invoiceId + "/pdf");
                    assertThat(pdf.status()).as(pdf.describe()).isEqualTo(200);
                });
            }
        }
        List<String> accepted = new ArrayList<>(load.acceptedIds());
        accepted.addAll(after.acceptedIds());
        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(invoiceIds, accepted, true);
        Report.line(label, "invariants: " + figures);
    }
}
