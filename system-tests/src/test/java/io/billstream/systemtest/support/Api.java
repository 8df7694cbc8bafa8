package io.billstream.systemtest.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * A client of the gateway's public API (the only entry the system tests use), as an integrator would write it:
 * JSON over HTTP/1.1 with a bearer credential, {@code Idempotency-Key} on writes that may be retried.
 */
public final class Api {

    public static final URI GATEWAY = URI.create("http://127.0.0.1:8080");
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "api-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    /** Answers a careful client repeats (with the same Idempotency-Key): nothing was decided. */
    private static final Set<Integer> RETRYABLE = Set.of(-1, 429, 502, 503, 504);

    private final String bearer;

    private Api(String bearer) {
        this.bearer = bearer;
    }

    public static Api anonymous() {
        return new Api(null);
    }

    public static Api bearer(String credential) {
        return new Api(credential);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Reply delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** A POST with a fresh Idempotency-Key, repeated with that key while the answer says nothing was decided. */
    public Reply postReliably(String path, Object body) {
        String key = UUID.randomUUID().toString();
        return retrying(() -> post(path, body, "Idempotency-Key", key), Duration.ofMinutes(3));
    }

    /** A GET repeated while the stack answers "not now" (a restarting instance, a broker outage). */
    public Reply getReliably(String path, String... headers) {
        return retrying(() -> get(path, headers), Duration.ofMinutes(3));
    }

    public Reply send(String method, String path, Object body, String... headers) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        extra.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        Instant start = Instant.now();
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(method, path, response.statusCode(), response.headers(), response.body(),
                    Duration.between(start, Instant.now()), null);
        } catch (IOException e) {
            return Reply.failed(method, path, Duration.between(start, Instant.now()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.failed(method, path, Duration.between(start, Instant.now()), e);
        }
    }

    public static boolean retryable(Reply reply) {
        return RETRYABLE.contains(reply.status()) || "idempotency_key_in_use".equals(reply.code());
    }

    /**
     * Repeats {@code call} while its answer is {@link #retryable}, polled at the pace {@code Retry-After} asks (capped
     * at one second: the tests want to see recovery promptly), until {@code patience} has passed; then the last answer.
     */
    public static Reply retrying(Supplier<Reply> call, Duration patience) {
        Reply first = call.get();
        if (!retryable(first)) {
            return first;
        }
        AtomicReference<Reply> last = new AtomicReference<>(first);
        try {
            return await().atMost(patience).pollInSameThread()
                    .pollDelay(backOffAfter(first))
                    .pollInterval((count, previous) -> backOffAfter(last.get()))
                    .until(() -> {
                        Reply reply = call.get();
                        last.set(reply);
                        return reply;
                    }, reply -> !retryable(reply));
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /** A client's back-off before repeating a request: the server's Retry-After, at most one second. */
    public static Duration backOffAfter(Reply reply) {
        long millis = reply == null ? 250L : reply.header("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.trim()) * 1000;
            } catch (NumberFormatException e) {
                return 500L;
            }
        }).orElse(250L);
        return Duration.ofMillis(Math.max(100, Math.min(millis, 1000)));
    }

    public static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
