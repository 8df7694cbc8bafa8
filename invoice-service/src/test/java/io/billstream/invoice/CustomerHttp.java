package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the customer and settings tests: one tenant per instance, never throws on 4xx. */
final class CustomerHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String tenant;
    private final String token;
    private final int port;

    CustomerHttp(InternalTokenService tokens, int port) {
        this(tokens, port, "ten_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), "Acme Studio");
    }

    CustomerHttp(InternalTokenService tokens, int port, String tenant, String organization) {
        this.tenant = tenant;
        this.port = port;
        this.token = tokens.mint(new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), organization,
                true));
    }

    Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    Response post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    Response put(String path, String body) {
        return send("PUT", path, body, Map.of());
    }

    Response patch(String path, String body, Map<String, String> headers) {
        return send("PATCH", path, body, headers);
    }

    Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Response send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(InternalTokenService.HEADER, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A customer with the required fields only; returns its id. */
    String createCustomer(String name, String email) {
        Response created = post("/v1/customers", """
                {"name": "%s", "email": "%s"}""".formatted(name, email));
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created.status() + " " + created.json());
        }
        return created.json().get("id").asText();
    }

    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }
}
