package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.ids.Ids;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.testsupport.TestDatabases;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Receiver.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message whose retry is pending when its instance shuts down is delivered by the next instance that starts on
 * the same database. The two instances here are whole applications of their own (the shared test context only
 * lends its Kafka broker).
 */
@ServiceIntegrationTest
class RestartTest extends WebhookTestBase {

    private final String tenant = Ids.newId("ten");

    @Test
    void aRestartMidRetryResumesTheMessage() {
        String database = TestDatabases.createFresh("webhook");
        AtomicBoolean firstInstanceUp = new AtomicBoolean(true);
        String url = receiver.path((n, r) -> firstInstanceUp.get() ? Reply.status(500) : Reply.ok());

        try {
            restartMidRetry(database, url, firstInstanceUp);
        } finally {
            TestDatabases.drop(database);
        }
    }

    private void restartMidRetry(String database, String url, AtomicBoolean firstInstanceUp) {
        String messageId;
        String endpointId;
        try (ConfigurableApplicationContext first = startInstance(database)) {
            Api api = apiOf(first);
            endpointId = createEndpoint(api, url, "[\"invoice.paid\"]").get("id").asText();
            messageId = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null).body().get("id").asText();
            await().atMost(WAIT).until(() -> api.get("/v1/webhook-messages/" + messageId + "/attempts").body()
                    .get("data").size() >= 1);
            assertThat(api.get("/v1/webhook-messages/" + messageId).body().get("status").asText())
                    .isEqualTo("pending");
        } finally {
            firstInstanceUp.set(false);
        }
        int attemptsBeforeRestart = receiver.requests(url).size();

        try (ConfigurableApplicationContext second = startInstance(database)) {
            Api api = apiOf(second);
            JsonNode message = await().atMost(WAIT).until(() -> api.get("/v1/webhook-messages/" + messageId).body(),
                    m -> m.get("status").asText().equals("delivered"));
            assertThat(message.get("attempts").asInt()).isEqualTo(attemptsBeforeRestart + 1);
            List<Receiver.Received> requests = receiver.requests(url);
            assertThat(requests).hasSize(attemptsBeforeRestart + 1);
            assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(messageId);
            JsonNode attempts = api.get("/v1/webhook-messages/" + messageId + "/attempts").body().get("data");
            assertThat(attempts.get(0).get("responseStatus").asInt()).isEqualTo(200);
            assertThat(attempts.get(attempts.size() - 1).get("responseStatus").asInt()).isEqualTo(500);
        }
    }

    private ConfigurableApplicationContext startInstance(String database) {
        TestDatabases.Server server = TestDatabases.server();
        // command-line arguments, so they win over application.yml (server.port 8084 may be taken by a running stack)
        return new SpringApplicationBuilder(WebhookServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--spring.kafka.bootstrap-servers=" + brokers,
                // the events of the shared test context are not this instance's business
                "--spring.kafka.listener.auto-startup=false",
                "--billstream.webhooks.consumer-group=webhook-restart-test",
                "--billstream.webhooks.retry-schedule=1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");
    }

    private Api apiOf(ConfigurableApplicationContext context) {
        int instancePort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new Api(instancePort, tokens, mapper, tenant);
    }
}
