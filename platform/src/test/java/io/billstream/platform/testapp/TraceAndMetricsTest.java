package io.billstream.platform.testapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.Topics;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer side of docs/api-reference.md §10's trace path: a client's traceparent on a request that writes an outbox row reaches
 * the Kafka record's headers (same trace id, a span of ours), although the record is sent later by the relay's
 * thread. And the platform's §17 meters are on /actuator/prometheus.
 */
@ServiceIntegrationTest
@AutoConfigureObservability
class TraceAndMetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;

    @Test
    void aClientsTraceparentReachesTheKafkaRecordWrittenThroughTheOutbox() throws Exception {
        String token = tokens.mint(new Caller(new TenantId("ten_a"), new Actor(ActorType.USER, "usr_1"), "Acme", true));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/traced-documents/inv_traced"))
                .header(InternalTokenService.HEADER, token)
                .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String eventId = mapper.readTree(response.body()).path("eventId").asText();

        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            ConsumerRecord<String, String> record = probe.await(r -> r.value().contains(eventId), 1,
                    Duration.ofSeconds(30)).get(0);
            Header header = record.headers().lastHeader(TraceContexts.TRACEPARENT);
            assertThat(header).as("traceparent header on the record").isNotNull();
            String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("-");
            assertThat(parts[1]).isEqualTo(TRACE_ID);
            assertThat(parts[2]).as("a span of the service, not the client's").isNotEqualTo(CLIENT_SPAN);
            assertThat(parts[3]).as("still sampled").isEqualTo("01");
        }
    }

    @Test
    void exposesThePlatformMetersOnPrometheus() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .contains("http_server_requests_seconds_bucket{")
                .contains("billstream_outbox_pending{")
                .contains("billstream_outbox_oldest_age_seconds{")
                .containsPattern("billstream_kafka_consumer_lag_records\\{[^}]*group=\"[^\"]+\"[^}]*topic=\""));
    }

    private String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
