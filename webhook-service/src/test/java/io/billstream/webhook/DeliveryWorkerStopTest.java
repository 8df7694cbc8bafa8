package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Workers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: a claim that outlasts stop()'s wait for the claim thread (a slow database) must neither hand its
 * messages to the stopped executor nor keep their in-flight permits: they go back unsent, their leases released, so
 * another instance sends them at once instead of after the lease.
 */
@ServiceIntegrationTest
class DeliveryWorkerStopTest extends WebhookTestBase {

    private static final int MESSAGES = 3;

    @Autowired
    DeliveryWorker worker;
    @Autowired
    ApplicationContext context;
    @Autowired
    WebhookProperties properties;
    @Autowired
    DataSource dataSource;

    @Test
    void aClaimThatOutlastsStopGivesItsMessagesAndPermitsBack() throws Exception {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String endpointId = endpoint.get("id").asText();
        DeliveryWorker second = Workers.another(context, new DeliverySignal(), properties, "slow-claim-instance");
        Duration stopWait = Duration.ofMillis(300);
        second.claimerStopWait(stopWait);

        worker.stop();
        try (Connection locker = dataSource.getConnection()) {
            Events events = events();
            for (int i = 0; i < MESSAGES; i++) {
                events.sendInvoiceEvent(api.tenant(), "invoice.updated");
            }
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from webhook_message where endpoint_id = ?", Integer.class, endpointId),
                    n -> n == MESSAGES);

            // the claim query will wait on this lock: a database slower than stop() is willing to wait
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table webhook_message in exclusive mode");
            }
            second.start();
            await().atMost(WAIT).until(() -> jdbc.queryForObject("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%with due as%'""", Integer.class) > 0);

            Instant stopping = Instant.now();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(second::stop);
            // past stop()'s wait for the claim thread: it has shut its executor down by now
            await().atMost(WAIT).until(() -> Duration.between(stopping, Instant.now()).compareTo(stopWait.multipliedBy(3)) > 0);
            locker.rollback(); // the claim returns now, holding all three messages
            stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            worker.start();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(second.availableInFlightPermits()).isEqualTo(properties.worker().maxInFlight());
            // leases released, not left to run out (60 s): the running instance delivers them at once
            assertThat(jdbc.queryForObject("""
                    select count(*) from webhook_message where endpoint_id = ? and status = 'delivered'""",
                    Integer.class, endpointId)).isEqualTo(MESSAGES);
        });
        assertThat(jdbc.queryForObject("""
                select count(*) from webhook_attempt a join webhook_message m on m.id = a.message_id
                where m.endpoint_id = ? and a.instance_id = 'slow-claim-instance'""", Integer.class, endpointId))
                .isZero();
    }
}
