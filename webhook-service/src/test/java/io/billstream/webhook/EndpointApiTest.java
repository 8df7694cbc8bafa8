package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.EventTypes;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class EndpointApiTest extends WebhookTestBase {

    @Test
    void createsReadsUpdatesAndDeletesAnEndpoint() {
        Api api = newTenant();
        String url = receiver.path();
        Api.Response created = api.post("/v1/webhook-endpoints",
                "{\"url\":\"" + url + "\",\"events\":[\"invoice.paid\",\"payment.refunded\"],\"description\":\"ERP\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.body();
        String id = body.get("id").asText();
        assertThat(id).startsWith("whe_");
        assertThat(created.headers().getLocation()).hasToString("/v1/webhook-endpoints/" + id);
        assertThat(body.get("status").asText()).isEqualTo("enabled");
        assertThat(body.get("description").asText()).isEqualTo("ERP");
        assertThat(body.get("createdAt").asText()).isNotEmpty();
        assertThat(body.get("events")).extracting(JsonNode::asText).containsExactly("invoice.paid", "payment.refunded");
        String secret = body.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);

        Api.Response one = api.get("/v1/webhook-endpoints/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().has("secret")).isFalse();
        assertThat(one.body().get("url").asText()).isEqualTo(url);
        assertThat(one.headers().getETag()).isEqualTo("\"1\"");

        Api.Response patched = api.patch("/v1/webhook-endpoints/" + id,
                "{\"events\":[\"*\"],\"status\":\"disabled\",\"description\":\"\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("status").asText()).isEqualTo("disabled");
        assertThat(patched.body().get("events")).extracting(JsonNode::asText).containsExactly("*");
        assertThat(patched.body().get("description").isNull()).isTrue();
        assertThat(patched.body().get("version").asLong()).isEqualTo(2);

        Api.Response listed = api.get("/v1/webhook-endpoints");
        assertThat(listed.body().get("data")).hasSize(1);
        assertThat(listed.body().get("data").get(0).has("secret")).isFalse();
        assertThat(listed.body().get("nextCursor").isNull()).isTrue();

        assertThat(api.delete("/v1/webhook-endpoints/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook-endpoints").body().get("data")).isEmpty();
    }

    @Test
    void listsNewestFirstWithACursor() {
        Api api = newTenant();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createEndpoint(api, receiver.path(), "[\"*\"]").get("id").asText());
        }
        JsonNode first = api.get("/v1/webhook-endpoints?limit=2").body();
        assertThat(first.get("data")).extracting(e -> e.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        JsonNode second = api.get("/v1/webhook-endpoints?limit=2&cursor=" + first.get("nextCursor").asText()).body();
        assertThat(second.get("data")).extracting(e -> e.get("id").asText()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void refusesNonPublicAddressesAtRegistration() {
        Api api = newTenant();
        for (String url : List.of("http://10.0.0.1/hook", "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook", "http://[::1]/hook",
                "http://[fc00::1]/hook", "http://0.0.0.0/hook", "https://172.16.5.4/hook", "http://[fe80::1]/hook",
                "http://224.0.0.1/hook", "http://[::ffff:10.0.0.1]/hook")) {
            Api.Response refused = api.post("/v1/webhook-endpoints",
                    "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asText()).as(url).isEqualTo("url_not_allowed");
        }
        Api.Response ftp = api.post("/v1/webhook-endpoints", "{\"url\":\"ftp://example.com/x\",\"events\":[\"*\"]}");
        assertThat(ftp.body().get("code").asText()).isEqualTo("url_not_allowed");
        assertThat(api.get("/v1/webhook-endpoints").body().get("data")).as("nothing stored").isEmpty();

        String id = createEndpoint(api, receiver.path(), "[\"*\"]").get("id").asText();
        Api.Response patch = api.patch("/v1/webhook-endpoints/" + id,
                "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}");
        assertThat(patch.status()).isEqualTo(422);
        assertThat(patch.body().get("code").asText()).isEqualTo("url_not_allowed");
        assertThat(api.get("/v1/webhook-endpoints/" + id).body().get("url").asText()).startsWith("http://127.0.0.1:");
    }

    @Test
    void badInputIsAProblem() {
        Api api = newTenant();
        Api.Response unknownType = api.post("/v1/webhook-endpoints",
                "{\"url\":\"" + receiver.path() + "\",\"events\":[\"invoice.paid\",\"invoice.nope\"]}");
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.contentType()).startsWith("application/problem+json");
        assertThat(unknownType.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(unknownType.body().get("errors").get(0).get("field").asText()).isEqualTo("events[1]");

        Api.Response starAndMore = api.post("/v1/webhook-endpoints",
                "{\"url\":\"" + receiver.path() + "\",\"events\":[\"*\",\"invoice.paid\"]}");
        assertThat(starAndMore.status()).isEqualTo(422);

        Api.Response missing = api.post("/v1/webhook-endpoints", "{\"events\":[\"*\"]}");
        assertThat(missing.status()).as("%s", missing.body()).isEqualTo(422);
        assertThat(missing.body().get("errors").get(0).get("field").asText()).isEqualTo("url");

        Api.Response noEvents = api.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver.path() + "\",\"events\":[]}");
        assertThat(noEvents.status()).isEqualTo(422);

        Api.Response notAUrl = api.post("/v1/webhook-endpoints", "{\"url\":\"not a url\",\"events\":[\"*\"]}");
        assertThat(notAUrl.status()).isEqualTo(422);

        Api.Response tooLong = api.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver.path()
                + "\",\"events\":[\"*\"],\"description\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(422);

        Api.Response unknownField = api.post("/v1/webhook-endpoints",
                "{\"url\":\"" + receiver.path() + "\",\"events\":[\"*\"],\"secret\":\"mine\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("code").asText()).isEqualTo("unknown_field");

        Api.Response wrongType = api.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver.path() + "\",\"events\":\"*\"}");
        assertThat(wrongType.status()).isEqualTo(400);

        Api.Response malformed = api.post("/v1/webhook-endpoints", "{\"url\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asText()).isEqualTo("malformed_json");

        String id = createEndpoint(api, receiver.path(), "[\"*\"]").get("id").asText();
        Api.Response badStatus = api.patch("/v1/webhook-endpoints/" + id, "{\"status\":\"paused\"}");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(api.get("/v1/webhook-endpoints/" + id + "/messages?status=lost").status()).isEqualTo(422);
        assertThat(api.get("/v1/webhook-endpoints?limit=0").status()).isEqualTo(422);
        assertThat(api.get("/v1/webhook-endpoints?cursor=%%%").status()).isEqualTo(422);
        Api.Response badSince = api.post("/v1/webhook-endpoints/" + id + "/recover", "{\"since\":\"yesterday\"}");
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(badSince.contentType()).startsWith("application/problem+json");

        Api.Response noToken = api.withoutToken(HttpMethod.GET, "/v1/webhook-endpoints");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(api.get("/v1/webhook-endpoints").body().get("data")).hasSize(1);
    }

    @Test
    void anotherTenantsResourcesAreNotFound() {
        Api owner = newTenant();
        Api stranger = newTenant();
        String id = createEndpoint(owner, receiver.path(), "[\"*\"]").get("id").asText();
        String messageId = owner.post("/v1/webhook-endpoints/" + id + "/test", null).body().get("id").asText();

        assertThat(stranger.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/webhook-endpoints/" + id).body().get("code").asText()).isEqualTo("not_found");
        assertThat(stranger.get("/v1/webhook-endpoints/" + id + "/secret").status()).isEqualTo(404);
        assertThat(stranger.get("/v1/webhook-endpoints/" + id + "/messages").status()).isEqualTo(404);
        assertThat(stranger.patch("/v1/webhook-endpoints/" + id, "{\"status\":\"disabled\"}").status()).isEqualTo(404);
        assertThat(stranger.post("/v1/webhook-endpoints/" + id + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/webhook-endpoints/" + id + "/test", null).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/webhook-endpoints/" + id + "/recover", "{\"since\":\"2026-01-01T00:00:00Z\"}")
                .status()).isEqualTo(404);
        assertThat(stranger.get("/v1/webhook-messages/" + messageId + "/attempts").status()).isEqualTo(404);
        assertThat(stranger.post("/v1/webhook-messages/" + messageId + "/retry", null).status()).isEqualTo(404);
        assertThat(stranger.delete("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/webhook-endpoints").body().get("data")).isEmpty();
        assertThat(owner.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(200);
    }

    @Test
    void servesTheEventTypeCatalog() {
        JsonNode data = newTenant().get("/v1/webhook-event-types").body().get("data");
        assertThat(data).extracting(t -> t.get("type").asText()).containsExactlyElementsOf(EventTypes.CATALOG);
        assertThat(data).allSatisfy(t -> assertThat(t.get("description").asText()).isNotBlank());
    }

    @Test
    void ifMatchGuardsUpdates() {
        Api api = newTenant();
        String id = createEndpoint(api, receiver.path(), "[\"*\"]").get("id").asText();
        Api.Response mismatch = api.patchIfMatch("/v1/webhook-endpoints/" + id, "{\"description\":\"x\"}", "\"7\"");
        assertThat(mismatch.status()).isEqualTo(412);
        assertThat(mismatch.body().get("code").asText()).isEqualTo("version_mismatch");
        assertThat(api.get("/v1/webhook-endpoints/" + id).body().get("description").isNull()).isTrue();
        Api.Response matching = api.patchIfMatch("/v1/webhook-endpoints/" + id, "{\"description\":\"x\"}", "\"1\"");
        assertThat(matching.status()).isEqualTo(200);
        assertThat(matching.headers().getETag()).isEqualTo("\"2\"");
    }
}
