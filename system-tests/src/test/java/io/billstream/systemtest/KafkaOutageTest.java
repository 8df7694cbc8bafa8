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
 * The Kafka broker stopped for 60 s under a steady load: payments (on invoices payment-service already knows)
 * and invoice writes keep being accepted; once the broker is back every event flows, every invoice ends paid.
 */
@FaultTest
@Order(11)
class KafkaOutageTest extends SystemTestBase {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void brokerDownForSixtySecondsDuringLoad() throws Exception {
        Scenario scenario = scenario("kafka", LEDGER_EVENTS);
        List<String> invoiceIds = new ArrayList<>(issueInvoices(scenario.tenant(), scenario.customerId(), 30, "100.00", 4));
        // These invoices must have crossed Kafka before it stops: payment-service learns of an invoice only from its
        // invoice.issued event, so one still in flight would be unknown to it for the whole outage (a true 404).
        // The subscriber's copy of every invoice.issued shows the events were on the topic payment-service reads.
        await("invoice.issued of the 30 invoices on Kafka").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(receiver.of(scenario.hook()).subjects("invoice.issued")).containsAll(invoiceIds));

        stack().terminate("kafka");
        Instant stopped = Instant.now();

        // ~2 payments/s for about a minute, on invoices issued before the outage.
        PaymentLoad load = new PaymentLoad(scenario.tenant()).paced(Duration.ofSeconds(1));
        CompletableFuture<PaymentLoad> payments = load.start(load.plan(invoiceIds, 4, "25.00", "kafka"), 2);

        // Invoice-service writes during the outage: drafts and issues are accepted too.
        List<String> issuedDuring = new ArrayList<>();
        List<Reply> writes = new ArrayList<>();
        while (Duration.between(stopped, Instant.now()).compareTo(OUTAGE) < 0) {
            String draft = scenario.tenant().createSimpleDraft(scenario.customerId(), "100.00", "During the outage");
            Reply issued = scenario.api().post("/v1/invoices/" + draft + "/issue", Map.of());
            writes.add(issued);
            if (issued.status() == 200) {
                issuedDuring.add(draft);
            }
            int mark = load.completed();
            await().atMost(OUTAGE).until(() -> load.completed() >= mark + 8
                    || Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0);
        }
        Report.line("kafka", "during the " + OUTAGE.toSeconds() + " s outage: " + load.completed()
                + " payments answered, " + writes.size() + " invoices created and issued (statuses "
                + writes.stream().map(Reply::status).toList() + ")");
        assertThat(writes).allSatisfy(w -> assertThat(w.status()).as(w.describe()).isEqualTo(200));

        stack().restartMissing();
        Report.line("kafka", "broker back after " + Duration.between(stopped, Instant.now()).toSeconds() + " s");
        payments.get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        Report.line("kafka", load.summary());
        assertThat(load.refusals()).as("payments refused during/after the outage").isEmpty();

        PaymentLoad after = new PaymentLoad(scenario.tenant());
        after.start(after.plan(issuedDuring, 1, "100.00", "kafkaafter"), 2).get(LOAD_PATIENCE.toMinutes(), TimeUnit.MINUTES);
        assertThat(after.refusals()).as("invoices issued during the outage become payable").isEmpty();

        invoiceIds.addAll(issuedDuring);
        List<String> accepted = new ArrayList<>(load.acceptedIds());
        accepted.addAll(after.acceptedIds());
        Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                .check(invoiceIds, accepted, true);
        Report.line("kafka", "invariants: " + figures);
    }
}
