package io.billstream.gateway;

import io.billstream.gateway.idempotency.GatewayInstanceLock;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.InternalTokenService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.billstream.gateway.AccountsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdempotencyTest extends GatewayIntegrationTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    GatewayInstanceLock instanceLock;

    @Test
    void theSameKeyAndRequestReplaysTheFirstResponseAndRunsOnce() {
        Account account = signUp();
        String path = "/v1/payments/" + unique("pay_") + "/refunds";
        String key = unique("idem-");

        HttpResponse<String> first = post(path, account.token(), "{\"amount\": \"5.00\", \"reason\": \"dup\"}",
                "Idempotency-Key", key);
        // JSON-equal: other key order and spacing
        HttpResponse<String> second = post(path, account.token(), "{ \"reason\":\"dup\",\"amount\":\"5.00\" }",
                "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent()
                .isNotEqualTo(first.headers().firstValue("X-Request-Id"));
        assertThat(StandIns.payment.seenWithPath(path)).hasSize(1);

        // the key is scoped per tenant: another tenant's identical key is unrelated
        Account other = signUp();
        assertThat(post(path, other.token(), "{\"amount\": \"5.00\", \"reason\": \"dup\"}", "Idempotency-Key", key)
                .headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(StandIns.payment.seenWithPath(path)).hasSize(2);
    }

    @Test
    void aDifferentRequestWithTheSameKeyIsRefused() {
        Account account = signUp();
        String key = unique("idem-");
        assertThat(post("/v1/customers", account.token(), "{\"name\": \"A\"}", "Idempotency-Key", key).statusCode())
                .isEqualTo(201);

        assertProblem(post("/v1/customers", account.token(), "{\"name\": \"B\"}", "Idempotency-Key", key), 409,
                "idempotency_key_reused");
        assertProblem(post("/v1/payments", account.token(), "{\"name\": \"A\"}", "Idempotency-Key", key), 409,
                "idempotency_key_reused");
        assertProblem(post("/v1/customers", account.token(), "{\"name\": \"A\"}", "Idempotency-Key", "k".repeat(256)),
                422, "validation_failed");
    }

    @Test
    void aDuplicateWhileTheFirstIsRunningGets409AndThenTheReplay() {
        Account account = signUp();
        String path = "/v1/invoices/" + unique("inv_") + "/held";
        String key = unique("idem-");
        CountDownLatch gate = new CountDownLatch(1);
        StandIns.invoiceA.gate = gate;
        StandIns.invoiceB.gate = gate;
        try {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> post(path, account.token(), "{\"n\": 1}", "Idempotency-Key", key));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen(path) == 1);

            assertProblem(post(path, account.token(), "{\"n\": 1}", "Idempotency-Key", key), 409,
                    "idempotency_key_in_use");

            gate.countDown();
            assertThat(first.join().statusCode()).isEqualTo(201);
            HttpResponse<String> replay = post(path, account.token(), "{\"n\": 1}", "Idempotency-Key", key);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(replay.body()).isEqualTo(first.join().body());
            assertThat(seen(path)).isEqualTo(1);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void concurrentDuplicatesReachTheServiceOnce() throws Exception {
        Account account = signUp();
        String path = "/v1/payments/" + unique("pay_") + "/refunds";
        String key = unique("idem-");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> all = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return post(path, account.token(), "{\"amount\": \"1.00\"}", "Idempotency-Key", key);
                    }, pool))
                    .toList();
            start.countDown();
            List<HttpResponse<String>> responses = all.stream().map(CompletableFuture::join).toList();

            assertThat(StandIns.payment.seenWithPath(path)).hasSize(1);
            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
            assertThat(responses).filteredOn(r -> r.statusCode() == 201 && r.headers()
                    .firstValue("Idempotent-Replayed").isEmpty()).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                    .allSatisfy(r -> assertThat(json(r).path("code").asText()).isEqualTo("idempotency_key_in_use"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serverErrorsAreNotKeptSoTheClientCanRetry() {
        Account account = signUp();
        String path = "/v1/payments/" + unique("pay_") + "/fail";
        String key = unique("idem-");
        assertThat(post(path, account.token(), "{}", "Idempotency-Key", key).statusCode()).isEqualTo(500);
        assertThat(post(path, account.token(), "{}", "Idempotency-Key", key).statusCode()).isEqualTo(500);
        assertThat(StandIns.payment.seenWithPath(path)).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_record where idempotency_key = ?",
                Long.class, key)).isZero();
    }

    @Test
    void theGatewaysOwnPostsHonourTheKeyWithoutReplayingSecrets() {
        Account account = signUp();
        String key = unique("idem-");
        HttpResponse<String> first = post("/v1/api-keys", account.token(),
                "{\"name\": \"ci\", \"scope\": \"read_only\"}", "Idempotency-Key", key);
        HttpResponse<String> second = post("/v1/api-keys", account.token(),
                "{\"name\": \"ci\", \"scope\": \"read_only\"}", "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).path("key").asText()).startsWith("bsk_");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(second).path("id").asText()).isEqualTo(json(first).path("id").asText());
        assertThat(json(second).path("key").isNull()).isTrue();
        assertThat(json(get("/v1/api-keys", account.token())).path("data")).hasSize(1);
    }

    @Test
    void theKeyTravelsToTheServiceSignedInsideTheInternalToken() {
        Account account = signUp();
        String path = "/v1/payments/" + unique("pay_") + "/refunds";
        String key = unique("idem-");
        post(path, account.token(), "{\"amount\": \"2.00\"}", "Idempotency-Key", key,
                "X-Billstream-Idempotency-Key", "forged");
        String unkeyed = "/v1/payments/" + unique("pay_") + "/refunds";
        post(unkeyed, account.token(), "{\"amount\": \"2.00\"}");

        StandIns.Seen seen = StandIns.payment.seenWithPath(path).getFirst();
        IdempotencyKey travelled = tokens.verifyRequest(seen.header(InternalTokenService.HEADER)).orElseThrow()
                .idempotencyKey();
        assertThat(travelled.tenant()).isEqualTo(account.tenantId());
        assertThat(travelled.key()).isEqualTo(key);
        assertThat(travelled.fingerprint()).hasSize(64);
        assertThat(seen.header("X-Billstream-Idempotency-Key")).isNull();
        assertThat(tokens.verifyRequest(StandIns.payment.seenWithPath(unkeyed).getFirst()
                .header(InternalTokenService.HEADER)).orElseThrow().idempotencyKey()).isNull();
    }

    @Test
    void aKeyLeftInProgressByADeadGatewayIsTakenOverAtOnceButNotOneOfALiveGateway() {
        Account account = signUp();
        String path = "/v1/payments/" + unique("pay_") + "/refunds";
        String deadKey = unique("idem-");
        String liveKey = unique("idem-");
        assertThat(instanceLock.id()).as("this gateway holds its instance lock").isNotNull();
        assertThat(jdbc.queryForObject("""
                select count(*) from pg_locks where locktype = 'advisory' and granted and objsubid = 2
                  and objid = (?::bigint)::oid""", Integer.class, instanceLock.id())).isEqualTo(1);
        // a gateway that forwarded these and died (kill -9) before storing the answer: its lock is gone
        int deadOwner = instanceLock.id() == Integer.MAX_VALUE - 7 ? Integer.MAX_VALUE - 8 : Integer.MAX_VALUE - 7;
        jdbc.update("""
                insert into idempotency_record (tenant_id, idempotency_key, fingerprint, state, created_at, owner)
                values (?, ?, 'whatever', 'in_progress', now(), ?)""", account.tenantId(), deadKey, deadOwner);

        HttpResponse<String> retried = post(path, account.token(), "{\"amount\": \"3.00\"}", "Idempotency-Key",
                deadKey);
        // the same request, still running on this (live) gateway
        String fingerprint = jdbc.queryForObject("select fingerprint from idempotency_record where idempotency_key = ?",
                String.class, deadKey);
        jdbc.update("""
                insert into idempotency_record (tenant_id, idempotency_key, fingerprint, state, created_at, owner)
                values (?, ?, ?, 'in_progress', now(), ?)""", account.tenantId(), liveKey, fingerprint,
                instanceLock.id());
        HttpResponse<String> running = post(path, account.token(), "{\"amount\": \"3.00\"}", "Idempotency-Key",
                liveKey);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(StandIns.payment.seenWithPath(path)).hasSize(1);
        assertProblem(running, 409, "idempotency_key_in_use");
    }

    @Test
    void theGatewaysOwnPostIsKeptInItsOwnTransactionAndReplayedWhenTheFrontRecordIsGone() {
        Account account = signUp();
        String key = unique("idem-");
        HttpResponse<String> first = post("/v1/api-keys", account.token(),
                "{\"name\": \"deploy\", \"scope\": \"read_only\"}", "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select response_status from idempotency_key where idempotency_key = ?",
                Integer.class, key)).isEqualTo(201);
        // the gateway died after the key was created and before its front record was completed
        jdbc.update("delete from idempotency_record where idempotency_key = ?", key);

        HttpResponse<String> retried = post("/v1/api-keys", account.token(),
                "{\"name\": \"deploy\", \"scope\": \"read_only\"}", "Idempotency-Key", key);

        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retried).path("id").asText()).isEqualTo(json(first).path("id").asText());
        assertThat(json(retried).path("key").isNull()).as("the secret is never replayed").isTrue();
        assertThat(json(get("/v1/api-keys", account.token())).path("data")).hasSize(1);
    }

    @Test
    void signupHonoursTheKeyUnderAScopeOfItsOwnAlsoWhenTheFrontRecordIsGone() {
        String username = unique("u");
        String body = """
                {"organizationName": "Org %s", "username": "%s", "email": "%s@example.com",
                 "password": "correct horse battery"}""".formatted(username, username, username);
        String key = unique("idem-");
        HttpResponse<String> first = post("/v1/signup", null, body, "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // the gateway died after the account was committed, before its front record was completed
        jdbc.update("delete from idempotency_record where idempotency_key = ?", key);

        HttpResponse<String> retried = post("/v1/signup", null, body, "Idempotency-Key", key);
        HttpResponse<String> otherPassword = post("/v1/signup", null,
                body.replace("correct horse battery", "another horse battery"), "Idempotency-Key", key);

        assertThat(retried.statusCode()).as("not 409 duplicate_username: %s", retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retried).path("tenantId").asText()).isEqualTo(json(first).path("tenantId").asText());
        assertProblem(otherPassword, 409, "idempotency_key_reused");
        // the kept fingerprint is keyed: a plain SHA-256 of a body with a password could be guessed offline
        String kept = jdbc.queryForObject("select fingerprint from idempotency_key where idempotency_key = ?",
                String.class, key);
        assertThat(kept).hasSize(64).isNotEqualTo(sha256Hex("POST /v1/signup\n" + canonical(body)));
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper sorted = new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            return sorted.writeValueAsString(sorted.readValue(json, Object.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seen(String path) {
        return StandIns.invoiceA.seenWithPath(path).size() + StandIns.invoiceB.seenWithPath(path).size();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
