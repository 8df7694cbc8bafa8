package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How GraphQL resolvers reach the services, seen from the stand-ins: the same instances (round-robin) and internal
 * token as the REST proxy, never the client's credentials, the request id forwarded, a per-mutation
 * {@code Idempotency-Key} derived from the client's; read-only callers are refused before any call; the rate limit
 * counts GraphQL requests like REST ones. (What the real services answer is {@code system-tests} GraphQlTest.)
 */
class GraphQlGatewayTest extends GatewayIntegrationTest {

    private static String body(String query) {
        return JSON.createObjectNode().put("query", query).toString();
    }

    @Test
    void resolversCallTheRoutedInstancesWithTheCallersInternalTokenOnly() {
        Account account = signUp();
        int before = StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size();
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = post("/v1/graphql", account.token(),
                    body("{ customer(id: \"cus_1\") { id name } }"), "X-Request-Id", "req-gql-" + i,
                    "X-Billstream-Internal-Token", "forged");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // the stand-in's echo is no customer: the field fails, the call is what this test is about
            assertThat(json(response).path("extensions").path("upstreamCalls").asInt()).isEqualTo(1);
        }
        List<StandIns.Seen> seen = new java.util.ArrayList<>(StandIns.invoiceA.seenWithPath("/v1/customers/cus_1"));
        seen.addAll(StandIns.invoiceB.seenWithPath("/v1/customers/cus_1"));
        List<StandIns.Seen> mine = seen.stream()
                .filter(s -> s.caller().map(c -> c.tenant().equals(account.tenantId())).orElse(false)).toList();
        assertThat(mine).hasSize(4);
        for (StandIns.Seen request : mine) {
            assertThat(request.caller().orElseThrow().actor().id()).isEqualTo(account.userId());
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.header("X-Request-Id")).startsWith("req-gql-");
            served.add(StandIns.invoiceA.seen.contains(request) ? "a" : "b");
        }
        assertThat(served).containsExactlyInAnyOrder("a", "b");
        assertThat(StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size()).isEqualTo(before + 4);
    }

    @Test
    void eachMutationGetsAnIdempotencyKeyOfItsOwnDerivedFromTheClients() {
        Account account = signUp();
        String key = UUID.randomUUID().toString();
        String email = unique("m") + "@example.com";
        HttpResponse<String> response = post("/v1/graphql", account.token(), body("""
                mutation { first: createCustomer(input: {name: "A", email: "%s"}) { id }
                           second: createCustomer(input: {name: "B", email: "%s"}) { id } }""".formatted(email, email)),
                "Idempotency-Key", key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<StandIns.Seen> posts = java.util.stream.Stream.concat(
                        StandIns.invoiceA.seenWithPath("/v1/customers").stream(),
                        StandIns.invoiceB.seenWithPath("/v1/customers").stream())
                .filter(s -> s.body().contains(email)).toList();
        assertThat(posts).hasSize(2);
        io.billstream.platform.security.InternalTokenService verifier =
                new io.billstream.platform.security.InternalTokenService(StandIns.INTERNAL_SECRET,
                        java.time.Duration.ofSeconds(60), java.time.Clock.systemUTC());
        List<io.billstream.platform.idempotency.IdempotencyKey> signed = posts.stream()
                .map(s -> verifier.verifyRequest(s.header(io.billstream.platform.security.InternalTokenService.HEADER))
                        .orElseThrow().idempotencyKey()).toList();
        // each mutation's own key, signed into the internal token with the fingerprint of its service call
        assertThat(signed.stream().map(io.billstream.platform.idempotency.IdempotencyKey::key).toList())
                .containsExactlyInAnyOrder(key + ":/first", key + ":/second");
        assertThat(signed.stream().map(io.billstream.platform.idempotency.IdempotencyKey::tenant).distinct().toList())
                .containsExactly(account.tenantId());
        assertThat(signed.get(0).fingerprint()).isNotEqualTo(signed.get(1).fingerprint());
        JsonNode sent = null;
        for (StandIns.Seen post : posts) {
            if (post.body().contains("\"A\"")) {
                sent = parse(post.body());
            }
        }
        assertThat(sent).isNotNull();
        assertThat(sent.size()).as("only the given fields are sent").isEqualTo(2);
    }

    @Test
    void readOnlyKeysQueryButTheirMutationsAreForbiddenWithoutAnyServiceCall() {
        Account account = signUp();
        String key = createKey(account.token(), "read_only").path("key").asText();
        int before = StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size();

        HttpResponse<String> mutation = post("/v1/graphql", key,
                body("mutation { archiveCustomer(id: \"cus_1\") }"));

        assertThat(mutation.statusCode()).isEqualTo(200);
        JsonNode error = json(mutation).path("errors").get(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("forbidden");
        assertThat(json(mutation).path("extensions").path("upstreamCalls").asInt()).isZero();
        assertThat(StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size()).isEqualTo(before);

        HttpResponse<String> query = post("/v1/graphql", key, body("{ customer(id: \"cus_1\") { id } }"));
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json(query).path("extensions").path("upstreamCalls").asInt()).isEqualTo(1);
    }

    @Test
    void graphQlRequestsCountAgainstTheRateLimit() {
        Account account = signUp();
        String key = createKey(account.token(), "read_only").path("key").asText();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            HttpResponse<String> response = post("/v1/graphql", key, body("{ settings { locale } }"));
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 30 requests").isNotNull();
        assertThat(json(limited).path("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void unauthenticatedCallsAreRefusedButTheSchemaAndGraphiqlArePublic() {
        HttpResponse<String> anonymous = post("/v1/graphql", null, body("{ settings { locale } }"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("code").asText()).isEqualTo("unauthenticated");

        HttpResponse<String> schema = get("/v1/graphql/schema", null);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("type Query", "scalar Decimal", "REST decimal string");

        JsonNode openApi = json(get("/v1/openapi.json", null)).path("paths");
        assertThat(openApi.path("/v1/graphql").has("post")).as("GraphQL in the OpenAPI document").isTrue();
        assertThat(openApi.path("/v1/graphql").has("get")).isTrue();
        assertThat(openApi.path("/v1/graphql/schema").has("get")).isTrue();

        HttpResponse<String> graphiql = get("/graphiql?path=/v1/graphql", null);
        assertThat(graphiql.statusCode()).isEqualTo(200);
        assertThat(graphiql.body()).containsIgnoringCase("graphiql");
    }

    @Test
    void malformedBodiesAreClientErrorsWithoutStackTraces() {
        Account account = signUp();
        for (String bad : List.of("{\"query\": ", "[1, 2]", "{\"query\": 42}", "{}", "null",
                "{\"query\": \"{ settings { locale } }\", \"variables\": [1]}")) {
            HttpResponse<String> response = post("/v1/graphql", account.token(), bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
            assertThat(json(response).path("code").asText()).isIn("malformed_json", "malformed_request");
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
        HttpResponse<String> wrongMedia = send("POST", "/v1/graphql", account.token(), null,
                "Content-Type", "text/plain");
        assertThat(wrongMedia.statusCode()).isBetween(400, 499);
    }

    @Test
    void aPageOfAHundredInvoicesWithCustomersPaymentsAndHistoryCostsOneCallPerBatchAndOnePerHistory() {
        Account account = signUp();
        List<java.util.Map<String, Object>> invoices = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            invoices.add(java.util.Map.of("id", "inv_" + i, "status", i % 10 == 0 ? "draft" : "open",
                    "customerId", "cus_" + (i % 3)));
        }
        java.util.Map<String, java.util.function.Function<StandIns.Seen, Object>> invoiceAnswers = java.util.Map.of(
                "/v1/invoices", seen -> java.util.Map.of("data", invoices, "nextCursor", "c1"),
                "/v1/customers", seen -> java.util.Map.of("data", java.util.stream.Stream.of(
                        java.net.URLDecoder.decode(seen.query(), java.nio.charset.StandardCharsets.UTF_8)
                                .replace("ids=", "").split(","))
                        .map(id -> java.util.Map.of("id", id, "name", "Customer " + id)).toList()),
                "/v1/invoices/inv_7/history", seen -> java.util.Map.of("data", List.of(
                        java.util.Map.of("sequence", 1, "type", "InvoiceCreated", "occurredAt", "2026-12-03T10:00:00Z"))));
        java.util.Map<String, java.util.function.Function<StandIns.Seen, Object>> paymentAnswers = java.util.Map.of(
                "/v1/payments", seen -> {
                    String ids = java.net.URLDecoder.decode(seen.query(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("invoiceIds=", "");
                    return java.util.Map.of("data", java.util.stream.Stream.of(ids.split(","))
                            .map(id -> java.util.Map.of("id", "pay_" + id, "invoiceId", id, "amount", "4.00"))
                            .toList());
                });
        invoiceAnswers.forEach((path, answer) -> {
            StandIns.invoiceA.canned.put(path, answer);
            StandIns.invoiceB.canned.put(path, answer);
        });
        paymentAnswers.forEach(StandIns.payment.canned::put);
        try {
            HttpResponse<String> response = post("/v1/graphql", account.token(), body("""
                    { invoices(first: 100) { edges { node { id customer { id name } payments { invoiceId amount } } }
                                             pageInfo { hasNextPage endCursor } } }"""));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode result = json(response);
            assertThat(result.path("errors").isMissingNode()).as(response.body()).isTrue();
            JsonNode edges = result.path("data").path("invoices").path("edges");
            assertThat(edges.size()).isEqualTo(100);
            for (int i = 0; i < 100; i++) {
                JsonNode node = edges.get(i).path("node");
                assertThat(node.path("customer").path("id").asText()).isEqualTo("cus_" + (i % 3));
                assertThat(node.path("payments").size()).isEqualTo(i % 10 == 0 ? 0 : 1);
            }
            assertThat(result.path("data").path("invoices").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
            // the page, one customers?ids=… batch (3 distinct ids), one payments?invoiceIds=… batch (no drafts)
            assertThat(result.path("extensions").path("upstreamCalls").asInt()).isEqualTo(3);
            List<StandIns.Seen> customerCalls = java.util.stream.Stream.concat(
                    StandIns.invoiceA.seenWithPath("/v1/customers").stream(),
                    StandIns.invoiceB.seenWithPath("/v1/customers").stream())
                    .filter(s -> s.caller().map(c -> c.tenant().equals(account.tenantId())).orElse(false)).toList();
            assertThat(customerCalls).hasSize(1);
            assertThat(customerCalls.getFirst().query()).isEqualTo("ids=cus_0%2Ccus_1%2Ccus_2");
            List<StandIns.Seen> paymentCalls = StandIns.payment.seenWithPath("/v1/payments").stream()
                    .filter(s -> s.caller().map(c -> c.tenant().equals(account.tenantId())).orElse(false)).toList();
            assertThat(paymentCalls).hasSize(1);
            assertThat(paymentCalls.getFirst().query().split("%2C")).hasSize(90);

            HttpResponse<String> withHistory = post("/v1/graphql", account.token(), body("""
                    { invoices(first: 100) { edges { node { id customer { name } payments { amount }
                      history { type } } } } }"""));
            // history has no batch endpoint: one call per invoice (the stand-in knows inv_7's only)
            assertThat(json(withHistory).path("extensions").path("upstreamCalls").asInt()).isEqualTo(103);
            assertThat(json(withHistory).path("data").path("invoices").path("edges").get(7).path("node")
                    .path("history").get(0).path("type").asText()).isEqualTo("InvoiceCreated");
        } finally {
            invoiceAnswers.keySet().forEach(path -> {
                StandIns.invoiceA.canned.remove(path);
                StandIns.invoiceB.canned.remove(path);
            });
            paymentAnswers.keySet().forEach(StandIns.payment.canned::remove);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
