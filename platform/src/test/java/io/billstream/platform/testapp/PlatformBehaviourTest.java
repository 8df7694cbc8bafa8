package io.billstream.platform.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.platform.outbox.OutboxWriter;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every service inherits from the platform, exercised through a real server, database and broker. */
@ServiceIntegrationTest
@AutoConfigureObservability
class PlatformBehaviourTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessedEvents processed;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    PoisonListener poison;
    @Autowired
    MeterRegistry meters;

    private String token(boolean canWrite) {
        return tokens.mint(new Caller(new TenantId("ten_a"), new Actor(ActorType.USER, "usr_1"), "Acme", canWrite));
    }

    private HttpResponse<String> post(String body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/samples"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, "application/json", Map.of(InternalTokenService.HEADER, token(true)));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.has("type") && body.has("title") && body.has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    @Test
    void acceptsAValidRequestAndTakesTheTenantFromTheToken() throws Exception {
        HttpResponse<String> response = post("{\"name\":\"ok\",\"amount\":\"12.5\",\"currency\":\"EUR\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.body()).path("tenant").asText()).isEqualTo("ten_a");
        assertThat(mapper.readTree(response.body()).path("amount").asText()).isEqualTo("12.50");
    }

    @Test
    void mapsBadInputToStableProblemCodes() throws Exception {
        problem(post("{\"name\": "), 400, "malformed_json");
        JsonNode unknown = problem(post("{\"name\":\"a\",\"nmae\":\"b\"}"), 400, "unknown_field");
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("nmae");
        problem(post("{\"name\":{\"x\":1}}"), 400, "malformed_request");
        JsonNode scalar = problem(post("{\"name\":123}"), 400, "malformed_request");
        assertThat(scalar.path("errors").get(0).path("field").asText()).isEqualTo("name");
        problem(post("{\"name\":\"a\",\"lines\":[{\"description\":true}]}"), 400, "malformed_request");
        JsonNode invalid = problem(post("{\"name\":\"\",\"lines\":[{\"description\":\"\"}]}"), 422, "validation_failed");
        assertThat(invalid.path("errors").findValuesAsText("field")).contains("name", "lines[0].description");
        problem(post("{\"name\":\"a\",\"amount\":\"1.234\",\"currency\":\"USD\"}"), 422, "validation_failed");
        problem(post("{\"name\":\"a\",\"amount\":1,\"currency\":\"XYZ\"}"), 422, "validation_failed");
        problem(post("name=a", "text/plain", Map.of(InternalTokenService.HEADER, token(true))), 415,
                "unsupported_media_type");
    }

    @Test
    void refusesBodiesOverOneMebibyte() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        problem(post(big), 413, "payload_too_large");
    }

    @Test
    void requiresTheGatewaysTokenAndRefusesWritesByReadOnlyPrincipals() throws Exception {
        problem(post("{\"name\":\"a\"}", "application/json", Map.of()), 401, "unauthenticated");
        problem(post("{\"name\":\"a\"}", "application/json", Map.of(InternalTokenService.HEADER, "forged")), 401,
                "unauthenticated");
        problem(post("{\"name\":\"a\"}", "application/json", Map.of(InternalTokenService.HEADER, token(false))), 403,
                "forbidden");
        assertThat(get("/v1/samples/ten_a-1", Map.of(InternalTokenService.HEADER, token(false))).statusCode())
                .isEqualTo(200);
        problem(get("/v1/samples/ten_b-1", Map.of(InternalTokenService.HEADER, token(true))), 404, "not_found");
    }

    @Test
    void unknownRoutesAndFailuresAnswerProblemsWithoutInternals() throws Exception {
        problem(get("/v1/nothing-here", Map.of(InternalTokenService.HEADER, token(true))), 404, "not_found");
        HttpResponse<String> boom = get("/v1/boom", Map.of(InternalTokenService.HEADER, token(true)));
        problem(boom, 500, "internal_error");
        assertThat(boom.body()).doesNotContain("secret internal detail");
    }

    @Test
    void keepsAValidRequestIdAndReplacesAnInvalidOne() throws Exception {
        HttpResponse<String> kept = get("/actuator/health", Map.of("X-Request-Id", "abc.DEF-123_x"));
        assertThat(kept.headers().firstValue("X-Request-Id")).contains("abc.DEF-123_x");
        HttpResponse<String> replaced = get("/actuator/health", Map.of("X-Request-Id", "bad id with spaces"));
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void continuesTheClientsTraceContext() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = get("/v1/samples/ten_a-2", Map.of(InternalTokenService.HEADER, token(true),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(mapper.readTree(response.body()).path("traceId").asText()).isEqualTo(traceId);
    }

    @Test
    void publishesOutboxRowsAfterCommitWithTheRequestId() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        IntegrationEvent event = IntegrationEvent.of(eventId, "billstream/test", EventTypes.DOCUMENT_GENERATED,
                "inv_1", Instant.now(), "ten_a", 1, mapper.createObjectNode().put("invoiceId", "inv_1"));
        org.slf4j.MDC.put("requestId", "req-outbox-test");
        try {
            tx.executeWithoutResult(status -> outbox.write("inv_1", event));
        } finally {
            org.slf4j.MDC.remove("requestId");
        }
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            ConsumerRecord<String, String> record = probe.await(r -> r.value().contains(eventId), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(record.key()).isEqualTo("inv_1");
            assertThat(codec.decode(record.value())).isEqualTo(event);
            assertThat(new String(record.headers().lastHeader("x-request-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo("req-outbox-test");
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("select count(*) from outbox_event where event_id = ?", Long.class, eventId) == 0);
    }

    @Test
    void rolledBackWritesNeverReachTheOutbox() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        IntegrationEvent event = IntegrationEvent.of(eventId, "billstream/test", EventTypes.DOCUMENT_GENERATED,
                "inv_2", Instant.now(), "ten_a", 1, mapper.createObjectNode());
        tx.executeWithoutResult(status -> {
            outbox.write("inv_2", event);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_id = ?", Long.class, eventId))
                .isZero();
    }

    @Test
    void processedEventsAcceptEachEventOncePerConsumer() {
        String eventId = "evt_" + UUID.randomUUID();
        assertThat(processed.markProcessed("a", eventId)).isTrue();
        assertThat(processed.markProcessed("a", eventId)).isFalse();
        assertThat(processed.markProcessed("b", eventId)).isTrue();
    }

    @Test
    void parksUnreadableRecordsOnTheDeadLetterTopicAndKeepsConsuming() {
        String goodId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        IntegrationEvent good = IntegrationEvent.of(goodId, "billstream/test", EventTypes.DOCUMENT_GENERATED, "x",
                Instant.now(), "ten_a", 1, mapper.createObjectNode());
        try (KafkaProbe probe = new KafkaProbe(brokers, PoisonListener.TOPIC + ".dlt")) {
            probe.send(PoisonListener.TOPIC, "k", "this is not json");
            probe.send(PoisonListener.TOPIC, "k", codec.encode(good));
            assertThat(probe.await(r -> r.value().equals("this is not json"), 1, Duration.ofSeconds(30))).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> poison.decoded.contains(goodId));
        assertThat(meters.counter("billstream.kafka.dead.letters", "topic", PoisonListener.TOPIC).count())
                .isGreaterThanOrEqualTo(1.0);
    }
}
