package io.billstream.webhook.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real webhook receiver on 127.0.0.1: records every request per path and answers as each path is told to. */
public final class Receiver implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, String body, Instant receivedAt) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply ok() {
            return new Reply(200, Map.of(), "ok");
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "status " + status);
        }
    }

    /** Decides the answer to the n-th (1-based) request on a path. */
    @FunctionalInterface
    public interface Behaviour {
        Reply reply(int nth, Received request) throws Exception;
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A fresh path with the given behaviour; returns its full URL. */
    public String path(Behaviour behaviour) {
        String path = "/hooks/" + UUID.randomUUID();
        behaviours.put(path, behaviour);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String path() {
        return path((n, r) -> Reply.ok());
    }

    public List<Received> requests(String url) {
        List<Received> list = received.get(pathOf(url));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private static String pathOf(String url) {
        return url.substring(url.indexOf("/hooks/"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            Received request = new Received(path, Map.copyOf(headers), body, Instant.now());
            received.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>())).add(request);
            int nth = counters.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Reply reply;
            try {
                reply = behaviours.getOrDefault(path, (n, r) -> Reply.status(404)).reply(nth, request);
            } catch (Exception e) {
                reply = Reply.status(500);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
