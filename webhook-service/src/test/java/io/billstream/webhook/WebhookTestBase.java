package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Receiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared wiring of the integration tests: one receiver per class, one tenant per call of {@link #newTenant()}. */
abstract class WebhookTestBase {

    static final Duration WAIT = Duration.ofSeconds(30);

    static Receiver receiver;
    static KafkaProbe probe;

    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @BeforeAll
    static void startReceiver() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }

    Api newTenant() {
        return new Api(port, tokens, mapper, Ids.newId("ten"));
    }

    Events events() {
        if (probe == null) {
            probe = new KafkaProbe(brokers);
        }
        return new Events(probe, mapper);
    }

    JsonNode createEndpoint(Api api, String url, String eventsJson) {
        Api.Response created = api.post("/v1/webhook-endpoints",
                "{\"url\":\"" + url + "\",\"events\":" + eventsJson + "}");
        assertThat(created.status()).as("create endpoint: %s", created.body()).isEqualTo(201);
        return created.body();
    }

    JsonNode awaitMessage(Api api, String endpointId, String status) {
        return await().atMost(WAIT).until(() -> api.get("/v1/webhook-endpoints/" + endpointId + "/messages"
                        + (status == null ? "" : "?status=" + status)).body().path("data"),
                data -> data.size() > 0).get(0);
    }
}
