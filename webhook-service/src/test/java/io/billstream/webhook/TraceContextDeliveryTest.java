package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.Topics;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Receiver.Reply;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/api-reference.md §10's trace path on the consuming side: a record whose headers carry a traceparent (as every producer's
 * observed KafkaTemplate writes one) becomes a webhook message whose deliveries carry a traceparent of the same
 * trace — on the first attempt and on the retry after a failure — each from a span of our own.
 */
@ServiceIntegrationTest
@AutoConfigureObservability
class TraceContextDeliveryTest extends WebhookTestBase {

    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String PRODUCER_SPAN = "eee19b7ec3c1b174";

    @Test
    void deliveriesAndTheirRetriesContinueTheTraceOfTheKafkaRecord() throws Exception {
        Api api = newTenant();
        String url = receiver.path((n, request) -> n == 1 ? Reply.status(500) : Reply.ok());
        createEndpoint(api, url, "[\"invoice.paid\"]");

        Events.Sent paid = events().invoiceEvent(api.tenant(), "invoice.paid");
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INVOICE, paid.subject(), paid.json());
        record.headers().add(TraceContexts.TRACEPARENT,
                ("00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        // a bare producer: the context's observed KafkaTemplate would add a traceparent of a new trace of its own
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        }

        List<Receiver.Received> requests = await().atMost(WAIT).until(() -> receiver.requests(url),
                received -> received.size() >= 2);
        for (Receiver.Received request : requests.subList(0, 2)) {
            JsonNode body = mapper.readTree(request.body());
            assertThat(body.path("type").asText()).isEqualTo("invoice.paid");
            String traceparent = request.header("traceparent");
            assertThat(traceparent).as("traceparent on attempt of %s", request.receivedAt()).isNotNull();
            String[] parts = traceparent.split("-");
            assertThat(parts[1]).isEqualTo(TRACE_ID);
            assertThat(parts[2]).isNotEqualTo(PRODUCER_SPAN);
        }
        assertThat(requests.get(0).header("webhook-id")).isEqualTo(requests.get(1).header("webhook-id"));
        assertThat(requests.get(0).header("traceparent")).as("each attempt is a span of its own")
                .isNotEqualTo(requests.get(1).header("traceparent"));
    }

    @Test
    void aTestMessageContinuesTheTraceOfTheRequestThatQueuedIt() throws Exception {
        Api api = newTenant();
        String url = receiver.path();
        String endpointId = createEndpoint(api, url, "[\"invoice.paid\"]").get("id").asText();
        String traceId = "6e0c63257de34c92bf9efcd03927272e";
        String token = tokens.mint(new Caller(new TenantId(api.tenant()), new Actor(ActorType.USER, "usr_test"),
                "Acme", true));
        HttpResponse<String> queued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/v1/webhook-endpoints/" + endpointId + "/test"))
                .header(InternalTokenService.HEADER, token)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        Receiver.Received request = await().atMost(WAIT).until(() -> receiver.requests(url), r -> !r.isEmpty())
                .get(0);
        assertThat(request.header("traceparent")).contains("-" + traceId + "-");
    }
}
