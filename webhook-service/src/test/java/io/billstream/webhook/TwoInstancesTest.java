package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Workers;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two delivery workers on one database, as two instances of the service would run: each with its own instance id,
 * circuit breakers and bulkheads, sharing only the tables.
 */
@ServiceIntegrationTest
class TwoInstancesTest extends WebhookTestBase {

    private static final int MESSAGES = 1000;

    @Autowired
    DeliveryWorker worker;
    @Autowired
    ApplicationContext context;
    @Autowired
    WebhookProperties properties;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    BulkheadRegistry bulkheads;

    @Test
    void twoInstancesDeliverAThousandMessagesWithNoDuplicateAttempt() {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String endpointId = endpoint.get("id").asText();
        DeliveryWorker second = Workers.another(context, new DeliverySignal(), properties, "second-instance");

        // both start together on a full queue, so both have work from the first claim on
        worker.stop();
        try {
            Events events = events();
            for (int i = 0; i < MESSAGES; i++) {
                events.sendInvoiceEvent(api.tenant(), "invoice.updated");
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject(
                    "select count(*) from webhook_message where endpoint_id = ?", Integer.class, endpointId),
                    n -> n == MESSAGES);
            worker.start();
            second.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject(
                    "select count(*) from webhook_message where endpoint_id = ? and status = 'delivered'",
                    Integer.class, endpointId), n -> n == MESSAGES);
        } finally {
            second.stop();
            worker.start();
        }

        List<Receiver.Received> requests = receiver.requests(url);
        assertThat(requests).hasSize(MESSAGES);
        assertThat(requests.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(MESSAGES);
        Map<String, Integer> attemptsByInstance = jdbc.queryForList("""
                        select a.instance_id, count(*) as n from webhook_attempt a
                        join webhook_message m on m.id = a.message_id
                        where m.endpoint_id = ? group by a.instance_id""", endpointId).stream()
                .collect(Collectors.toMap(r -> (String) r.get("instance_id"), r -> ((Number) r.get("n")).intValue()));
        assertThat(attemptsByInstance.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MESSAGES);
        assertThat(attemptsByInstance).containsKeys(worker.instanceId(), "second-instance");
        assertThat(jdbc.queryForObject("""
                select count(*) from webhook_message where endpoint_id = ? and attempts <> 1""",
                Integer.class, endpointId)).isZero();
    }
}
