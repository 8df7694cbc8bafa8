package io.billstream.systemtest;

import io.billstream.systemtest.support.Invariants;
import io.billstream.systemtest.support.PaymentLoad;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.Report;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subscriber's server is down while invoices are issued and paid; webhook-service keeps the messages and
 * retries them (the suite runs it with a schedule in seconds); once the server is back everything arrives, once
 * per event, and nothing ends {@code failed}.
 */
@FaultTest
@Order(13)
class ReceiverOutageTest extends SystemTestBase {

    @Test
    void receiverDownForAWhileThenEverythingDelivered() throws Exception {
        Scenario scenario = scenario("receiver", LEDGER_EVENTS);
        receiver.stopServing();
        Instant down = Instant.now();
        try {
            var invoiceIds = issueInvoices(scenario.tenant(), scenario.customerId(), 10, "100.00", 2);
            PaymentLoad load = new PaymentLoad(scenario.tenant());
            load.start(load.plan(invoiceIds, 2, "50.00", "receiver"), 2).get(5, TimeUnit.MINUTES);
            assertThat(load.refusals()).isEmpty();

            // Wait until the service has really been failing: retried messages pending with several attempts.
            await("messages retried while the receiver is down").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                        Reply pending = scenario.api().get("/v1/webhook-endpoints/" + scenario.endpointId()
                                + "/messages?status=pending&limit=100");
                        assertThat(pending.status()).as(pending.describe()).isEqualTo(200);
                        assertThat(pending.json().path("data").size()).isGreaterThanOrEqualTo(40);
                        boolean retried = false;
                        for (var message : pending.json().path("data")) {
                            retried |= message.path("attempts").asInt() >= 3;
                        }
                        assertThat(retried).as("some message attempted 3 times").isTrue();
                    });
            assertThat(receiver.of(scenario.hook()).count()).isZero();
            receiver.resumeServing();
            Report.line("receiver", "receiver down for " + Duration.between(down, Instant.now()).toSeconds()
                    + " s while 10 invoices were issued and paid with 20 payments");

            Invariants.Figures figures = new Invariants(scenario.tenant(), receiver, scenario.hook())
                    .check(invoiceIds, load.acceptedIds(), true);
            Reply failed = scenario.api().get("/v1/webhook-endpoints/" + scenario.endpointId()
                    + "/messages?status=failed&limit=100");
            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.json().path("data")).as("messages given up").isEmpty();
            Report.line("receiver", "all delivered " + Duration.between(down, Instant.now()).toSeconds()
                    + " s after the receiver went down; invariants: " + figures);
        } finally {
            receiver.resumeServing();
        }
    }
}
