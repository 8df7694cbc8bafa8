package io.billstream.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A subscriber's HTTP server on 127.0.0.1: records every delivery (path, Standard Webhooks headers, raw body) and
 * answers 204. It can be stopped and started again on the same port to play a receiver that is down for a while.
 * Each test registers its own path ({@link #url}), so deliveries of different tests never mix.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived. */
    public record Delivery(String path, String webhookId, String timestamp, String signature, byte[] body,
                           Instant receivedAt) {

        public JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }

        public JsonNode data() {
            return json().path("data");
        }
    }

    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private volatile HttpServer server;
    private final int port;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** A receiver on a free port of 127.0.0.1. */
    public static WebhookReceiver start() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            WebhookReceiver receiver = new WebhookReceiver(probe.getLocalPort());
            probe.close();
            receiver.resumeServing();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if ("POST".equals(exchange.getRequestMethod())) {
                deliveries.add(new Delivery(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now()));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port + "/hooks/" + name;
    }

    public static String path(String name) {
        return "/hooks/" + name;
    }

    public void secret(String name, String secret) {
        secrets.put(path(name), secret);
    }

    public String secretOf(String name) {
        return secrets.get(path(name));
    }

    public int port() {
        return port;
    }

    /** Every delivery to {@code /hooks/<name>} so far. */
    public Deliveries of(String name) {
        List<Delivery> matching = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.path().equals(path(name))) {
                matching.add(delivery);
            }
        }
        return new Deliveries(matching, secrets.get(path(name)));
    }

    /** The receiver goes away: connections to its port are refused. */
    public void stopServing() {
        HttpServer current = server;
        server = null;
        if (current != null) {
            current.stop(0);
        }
    }

    /** The receiver comes back on the same port. */
    public void resumeServing() {
        if (server == null) {
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
                created.createContext("/", this::handle);
                created.setExecutor(workers);
                created.start();
                server = created;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        stopServing();
        workers.shutdownNow();
    }
}
