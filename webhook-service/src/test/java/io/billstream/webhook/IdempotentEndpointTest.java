package io.billstream.webhook;

import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api-reference.md §2 across crashes in webhook-service: a keyed POST whose answer was lost is answered from the key kept in
 * the same transaction as the endpoint row — the same endpoint and the same one-time secret, created once.
 */
@ServiceIntegrationTest
class IdempotentEndpointTest extends WebhookTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLostCreateOrRotateAnswerIsReplayedAndAppliedOnce() {
        Api api = newTenant();
        String body = "{\"url\":\"" + receiver.path() + "\",\"events\":[\"invoice.paid\"]}";
        String key = "k-" + UUID.randomUUID();

        Api.Response created = api.post("/v1/webhook-endpoints", body, key, "fp-create");
        Api.Response retried = api.post("/v1/webhook-endpoints", body, key, "fp-create");

        assertThat(created.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String id = created.body().get("id").asText();
        assertThat(retried.body().get("id").asText()).isEqualTo(id);
        // the client that lost the first answer still learns the secret it needs to verify deliveries
        assertThat(retried.body().get("secret").asText()).isEqualTo(created.body().get("secret").asText());
        assertThat(api.get("/v1/webhook-endpoints").body().get("data")).hasSize(1);

        String rotateKey = "k-" + UUID.randomUUID();
        Api.Response rotated = api.post("/v1/webhook-endpoints/" + id + "/rotate-secret", null, rotateKey, "fp-rot");
        Api.Response rotatedAgain = api.post("/v1/webhook-endpoints/" + id + "/rotate-secret", null, rotateKey,
                "fp-rot");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotatedAgain.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(rotatedAgain.body()).isEqualTo(rotated.body());
        assertThat(api.get("/v1/webhook-endpoints/" + id).body().get("version").asLong())
                .as("rotated once").isEqualTo(2);

        Api.Response reused = api.post("/v1/webhook-endpoints", body.replace("invoice.paid", "invoice.voided"), key,
                "fp-other");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where tenant_id = ?", Integer.class,
                api.tenant())).isEqualTo(2);
    }
}
