package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import org.junit.jupiter.api.Test;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.billstream.gateway.AccountsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ApiKeysAndRoutingTest extends GatewayIntegrationTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void anApiKeyReachesARoutedServiceAsItsTenantWithNoClientSentInternalHeaders() {
        Account account = signUp();
        JsonNode key = createKey(account.token(), "read_write");
        String secret = key.path("key").asText();
        assertThat(key.path("id").asText()).startsWith("key_");
        assertThat(secret).startsWith("bsk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(key.path("scope").asText()).isEqualTo("read_write");

        // a client forging an internal token for another tenant, and other internal headers, gets nowhere
        String forged = tokens.mint(new Caller(new TenantId("ten_victim"), new Actor(ActorType.USER, "usr_evil"),
                "Victim", true));
        String path = "/v1/payments/" + unique("pay_");
        HttpResponse<String> response = post(path, secret, "{\"amount\": \"12.50\"}",
                InternalTokenService.HEADER, forged, "X-Billstream-Tenant", "ten_victim",
                "X-Request-Id", "client-req-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode echo = json(response);
        assertThat(echo.path("service").asText()).isEqualTo("payment");
        assertThat(echo.path("tenant").asText()).isEqualTo(account.tenantId());
        assertThat(echo.path("actorType").asText()).isEqualTo("api_key");
        assertThat(echo.path("actorId").asText()).isEqualTo(key.path("id").asText());
        assertThat(echo.path("organization").asText()).isEqualTo(account.organization());
        assertThat(echo.path("canWrite").asBoolean()).isTrue();
        assertThat(echo.path("body").asText()).isEqualTo("{\"amount\": \"12.50\"}");

        StandIns.Seen seen = StandIns.payment.seenWithPath(path).getFirst();
        assertThat(seen.headers().get(InternalTokenService.HEADER.toLowerCase())).hasSize(1);
        assertThat(seen.header(InternalTokenService.HEADER)).isNotEqualTo(forged);
        assertThat(seen.headers()).doesNotContainKeys("x-billstream-tenant", "authorization");
        assertThat(seen.header("X-Request-Id")).isEqualTo("client-req-1");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-req-1");

        // only a hash is stored
        JsonNode listed = json(get("/v1/api-keys", account.token())).path("data").get(0);
        assertThat(listed.path("lastFour").asText()).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.path("revokedAt").isNull()).isTrue();
        byte[] hash = jdbc.queryForObject("select key_hash from api_key where id = ?", byte[].class,
                key.path("id").asText());
        assertThat(hash).hasSize(32);
        assertThat(jdbc.queryForObject("select count(*) from api_key where position(? in name || scope || last_four) > 0",
                Long.class, secret)).isZero();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndStaysListed() {
        Account account = signUp();
        JsonNode key = createKey(account.token(), "read_write");
        String secret = key.path("key").asText();
        assertThat(get("/v1/customers", secret).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/v1/api-keys/" + key.path("id").asText(), account.token(), null).statusCode())
                .isEqualTo(204);

        assertProblem(get("/v1/customers", secret), 401, "unauthenticated");
        JsonNode listed = json(get("/v1/api-keys", account.token())).path("data").get(0);
        assertThat(listed.path("revokedAt").asText()).isNotBlank();
        assertProblem(send("DELETE", "/v1/api-keys/key_unknown", account.token(), null), 404, "not_found");
    }

    /** The key is cached here; another instance revokes it (its update and its notification, nothing else). */
    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedHereAtOnce() {
        Account account = signUp();
        JsonNode key = createKey(account.token(), "read_write");
        String secret = key.path("key").asText();
        assertThat(get("/v1/customers", secret).statusCode()).isEqualTo(200);

        jdbc.update("update api_key set revoked_at = now() where id = ?", key.path("id").asText());
        jdbc.queryForList("select pg_notify('gateway_api_key_revoked', ?)", key.path("id").asText());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertProblem(get("/v1/customers", secret), 401, "unauthenticated"));
    }

    @Test
    void keysCannotManageKeysOrUsersAndReadOnlyKeysCannotWrite() {
        Account account = signUp();
        String readWrite = createKey(account.token(), "read_write").path("key").asText();
        JsonNode readOnly = createKey(account.token(), "read_only");

        assertProblem(post("/v1/api-keys", readWrite, "{\"name\": \"k\", \"scope\": \"read_write\"}"), 403, "forbidden");
        assertProblem(get("/v1/api-keys", readWrite), 403, "forbidden");
        assertProblem(get("/v1/users", readWrite), 403, "forbidden");
        assertProblem(send("DELETE", "/v1/api-keys/" + readOnly.path("id").asText(), readWrite, null), 403,
                "forbidden");

        String readOnlyKey = readOnly.path("key").asText();
        HttpResponse<String> read = get("/v1/invoices", readOnlyKey);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("canWrite").asBoolean()).isFalse();
        assertProblem(post("/v1/invoices", readOnlyKey, "{}"), 403, "forbidden");
        assertProblem(send("PATCH", "/v1/customers/cus_1", readOnlyKey, "{}"), 403, "forbidden");
        assertProblem(post("/v1/api-keys", account.token(), "{\"name\": \"k\", \"scope\": \"admin\"}"), 422,
                "validation_failed");
    }

    @Test
    void theForwardedTenantIsAlwaysTheCallers() {
        Account alice = signUp();
        Account bob = signUp();
        String aliceKey = createKey(alice.token(), "read_write").path("key").asText();

        JsonNode asBob = json(get("/v1/customers?tenant=" + alice.tenantId(), bob.token(),
                "X-Billstream-Tenant", alice.tenantId()));
        JsonNode asAlice = json(get("/v1/customers", aliceKey));

        assertThat(asBob.path("tenant").asText()).isEqualTo(bob.tenantId());
        assertThat(asBob.path("actorType").asText()).isEqualTo("user");
        assertThat(asBob.path("actorId").asText()).isEqualTo(bob.userId());
        assertThat(asAlice.path("tenant").asText()).isEqualTo(alice.tenantId());
        // a tenant cannot see another tenant's keys or users either
        assertProblem(get("/v1/users/" + alice.userId(), bob.token()), 404, "not_found");
    }

    @Test
    void eInvoicePathsGoToTheDocumentService() {
        Account account = signUp();
        assertThat(json(get("/v1/invoices/inv_1/einvoice?syntax=xrechnung-cii", account.token())).path("service")
                .asText()).isEqualTo("document");
        assertThat(json(get("/v1/credit-notes/cn_1/einvoice?syntax=xrechnung-ubl", account.token())).path("service")
                .asText()).isEqualTo("document");
        assertThat(json(get("/v1/invoices/inv_1/pdf?format=facturx", account.token())).path("service").asText())
                .isEqualTo("document");
    }

    @Test
    void pathsGoToTheirServicesAndInstancesTakeTurns() {
        Account account = signUp();
        assertThat(json(get("/v1/invoices/inv_1/pdf", account.token())).path("service").asText()).isEqualTo("document");
        assertThat(json(get("/v1/invoices/inv_1/emails", account.token())).path("service").asText())
                .isEqualTo("document");
        assertThat(json(get("/v1/settings", account.token())).path("service").asText()).startsWith("invoice-");
        assertThat(json(get("/v1/credit-notes/cn_1/pdf", account.token())).path("service").asText())
                .isEqualTo("document");
        assertThat(json(get("/v1/credit-notes/cn_1", account.token())).path("service").asText()).startsWith("invoice-");
        assertThat(json(get("/v1/credit-notes?invoiceId=inv_1", account.token())).path("service").asText())
                .startsWith("invoice-");
        assertThat(json(get("/v1/notifications", account.token())).path("service").asText()).isIn("webhook");
        java.util.Set<String> instances = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            instances.add(json(get("/v1/invoices/inv_" + i, account.token())).path("service").asText());
        }
        assertThat(instances).containsExactlyInAnyOrder("invoice-a", "invoice-b");
    }

    @Test
    void requestIdsAndTraceContextAreForwarded() {
        Account account = signUp();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String path = "/v1/customers/" + unique("cus_");
        HttpResponse<String> response = get(path, account.token(),
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        StandIns.Seen seen = java.util.stream.Stream.concat(StandIns.invoiceA.seenWithPath(path).stream(),
                StandIns.invoiceB.seenWithPath(path).stream()).findFirst().orElseThrow();

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(seen.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(seen.header("traceparent")).contains(traceId);
    }

    @Test
    void theApiKeyLimitAnswers429WithRateLimitHeaders() {
        Account account = signUp();
        String key = createKey(account.token(), "read_only").path("key").asText();
        HttpResponse<String> first = get("/v1/customers", key);
        assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("10");
        assertThat(first.headers().firstValue("RateLimit-Remaining")).isPresent();
        assertThat(first.headers().firstValue("RateLimit-Reset")).isPresent();

        HttpResponse<String> limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            HttpResponse<String> response = get("/v1/customers", key);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 30 requests").isNotNull();
        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        // the tenant's users are limited separately from the key
        assertThat(get("/v1/customers", account.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void aStoppedServiceGivesAFast503Problem() {
        Account account = signUp();
        assertThat(get("/v1/webhook-event-types", account.token()).statusCode()).isEqualTo(200);

        StandIns.webhook.stop();
        long started = System.nanoTime();
        HttpResponse<String> down = get("/v1/webhook-endpoints", account.token());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(down, 503, "service_unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        System.out.println("stopped service: 503 after " + took.toMillis() + " ms");
        assertThat(took).as("measured %s", took).isLessThan(Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            assertProblem(get("/v1/webhook-endpoints", account.token()), 503, "service_unavailable");
        }
        // after repeated failures the breaker is open: later requests are refused without trying the service
        assertThat(breakers.circuitBreaker("webhook-0").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long before = breakers.circuitBreaker("webhook-0").getMetrics().getNumberOfNotPermittedCalls();
        assertProblem(get("/v1/webhook-endpoints", account.token()), 503, "service_unavailable");
        assertThat(breakers.circuitBreaker("webhook-0").getMetrics().getNumberOfNotPermittedCalls())
                .isGreaterThan(before);
    }

    @Test
    void corsPreflightIsAnsweredForConfiguredOrigins() {
        HttpResponse<String> preflight = send("OPTIONS", "/v1/customers", null, null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,idempotency-key");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        HttpResponse<String> foreign = send("OPTIONS", "/v1/customers", null, null,
                "Origin", "https://evil.example.com", "Access-Control-Request-Method", "POST");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentMergesEveryServiceAndNeedsNoToken() {
        HttpResponse<String> response = get("/v1/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).path("paths");
        assertThat(paths.has("/v1/signup")).isTrue();
        assertThat(paths.has("/v1/login")).isTrue();
        assertThat(paths.has("/v1/api-keys")).isTrue();
        assertThat(paths.has("/v1/invoice-things")).isTrue();
        assertThat(paths.has("/v1/payment-things")).isTrue();
        assertThat(paths.has("/v1/document-things")).isTrue();
        assertThat(json(response).path("components").path("securitySchemes").has("bearerAuth")).isTrue();

        HttpResponse<String> docs = HTTP_FOLLOW(uri("/docs"));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).containsIgnoringCase("swagger");
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
        // only health is public on the gateway's main port
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> HTTP_FOLLOW(java.net.URI uri) {
        try {
            return java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                    .build().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
