package io.billstream.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test doubles of the four services: small HTTP servers on 127.0.0.1 that verify the internal token exactly as a
 * real service does (InternalTokenService), record what reached them and echo the verified caller. They start once
 * per JVM, before the Spring context, and the gateway is pointed at them through system properties.
 */
public final class StandIns {

    /**
     * Handed to the gateway as a system property in {@link #start()}, which outranks both the test configuration and
     * a BILLSTREAM_INTERNAL_TOKEN_SECRET the shell may have exported, so signer and verifiers always agree.
     */
    static final String INTERNAL_SECRET = "test-internal-token-secret-0123456789-abcdefghij";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Service invoiceA;
    static Service invoiceB;
    static Service payment;
    static Service document;
    /** Reserved for the "stopped downstream" test, which stops it. */
    static Service webhook;
    private static boolean started;

    private StandIns() {
    }

    static synchronized void start() {
        if (started) {
            return;
        }
        InternalTokenService verifier = new InternalTokenService(INTERNAL_SECRET, Duration.ofSeconds(60),
                Clock.systemUTC());
        invoiceA = new Service("invoice-a", verifier);
        invoiceB = new Service("invoice-b", verifier);
        payment = new Service("payment", verifier);
        document = new Service("document", verifier);
        webhook = new Service("webhook", verifier);
        System.setProperty("billstream.internal-token.secret", INTERNAL_SECRET);
        System.setProperty("billstream.gateway.routes.invoice", invoiceA.url() + "," + invoiceB.url());
        System.setProperty("billstream.gateway.routes.payment", payment.url());
        System.setProperty("billstream.gateway.routes.document", document.url());
        System.setProperty("billstream.gateway.routes.webhook", webhook.url());
        started = true;
    }

    /** One request as a service saw it. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body,
                Optional<Caller> caller) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    private static final AtomicLong CREATED = new AtomicLong();

    static final class Service {
        final String name;
        final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        /** Answers a test sets for a path (any query) instead of the echo; the test removes them again. */
        final Map<String, java.util.function.Function<Seen, Object>> canned = new java.util.concurrent.ConcurrentHashMap<>();
        /** Requests to a path containing "/held" wait here until a test opens it. */
        volatile CountDownLatch gate = new CountDownLatch(0);
        private final HttpServer server;
        private final InternalTokenService verifier;

        Service(String name, InternalTokenService verifier) {
            this.name = name;
            this.verifier = verifier;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        List<Seen> seenWithPath(String path) {
            return seen.stream().filter(s -> s.path().equals(path)).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            if (path.equals("/v3/api-docs")) {
                respond(exchange, 200, openApi());
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Optional<Caller> caller = verifier.verify(exchange.getRequestHeaders()
                    .getFirst(InternalTokenService.HEADER));
            Seen request = new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, new String(requestBody, StandardCharsets.UTF_8), caller);
            seen.add(request);
            if (caller.isEmpty()) {
                respond(exchange, 401, Map.of("code", "unauthenticated"));
                return;
            }
            if (path.contains("/held")) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            java.util.function.Function<Seen, Object> answer = canned.get(path);
            if (answer != null) {
                respond(exchange, 200, answer.apply(request));
                return;
            }
            if (path.endsWith("/fail")) {
                respond(exchange, 500, Map.of("code", "internal_error"));
                return;
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", name);
            echo.put("tenant", caller.get().tenant());
            echo.put("actorType", caller.get().actor().type().wire());
            echo.put("actorId", caller.get().actor().id());
            echo.put("organization", caller.get().organizationName());
            echo.put("canWrite", caller.get().canWrite());
            echo.put("method", request.method());
            echo.put("path", path);
            echo.put("body", request.body());
            echo.put("sequence", seen.size());
            exchange.getResponseHeaders().add("X-Request-Id", String.valueOf(request.header("X-Request-Id")));
            if ("/v1/invoices".equals(path)) {
                // as invoice-service answers a created invoice: its own address and version (1 a draft, 2 created issued)
                // unique across every stand-in and test class of the JVM: a per-service count repeated ids, and a
                // test that looks its invoice's payments up by id then found another test's too
                exchange.getResponseHeaders().add("Location", path + "/inv_standin" + CREATED.incrementAndGet());
                boolean issued = request.body() != null && request.body().contains("\"issue\": true");
                exchange.getResponseHeaders().add("ETag", issued ? "\"2\"" : "\"1\"");
            } else {
                exchange.getResponseHeaders().add("Location", path + "/created");
            }
            if (path.endsWith("/issue")) {
                exchange.getResponseHeaders().add("ETag", "\"7\"");
            }
            respond(exchange, "POST".equals(request.method()) ? 201 : 200, echo);
        }

        private Map<String, Object> openApi() {
            String resource = "/v1/" + name.replace("-a", "").replace("-b", "") + "-things";
            return Map.of("openapi", "3.1.0", "info", Map.of("title", name, "version", "1"),
                    "paths", Map.of(resource, Map.of("get", Map.of("operationId", "list-" + name,
                            "responses", Map.of("200", Map.of("description", "ok"))))),
                    "components", Map.of("schemas", Map.of(name + "Thing", Map.of("type", "object"))));
        }

        private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
