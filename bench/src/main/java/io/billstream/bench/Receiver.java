package io.billstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local webhook receiver on 127.0.0.1: notes the arrival time (System.nanoTime, the same clock as the sender) of
 * the first delivery per key — the invoice id of an {@code invoice.paid}, or a probe id — and answers 200 at once.
 */
final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    /** key → the event's own time ({@code timestamp} of the body) in epoch microseconds, for the latency split. */
    private final Map<String, Long> eventTime = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String probe = exchange.getRequestHeaders().getFirst("X-Bench-Probe");
            JsonNode event = probe != null ? null : parse(body);
            String key = probe != null ? probe
                    : event == null ? null : event.path("type").asText() + ":" + event.path("data").path("id").asText();
            if (key != null && firstArrival.putIfAbsent(key, now) == null && event != null) {
                try {
                    Instant at = Instant.parse(event.path("timestamp").asText());
                    eventTime.put(key, at.getEpochSecond() * 1_000_000 + at.getNano() / 1000);
                } catch (RuntimeException ignored) {
                    // no usable timestamp: this delivery simply has no split
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Http.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    Long eventTimeMicros(String key) {
        return eventTime.get(key);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    Long arrival(String key) {
        return firstArrival.get(key);
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
