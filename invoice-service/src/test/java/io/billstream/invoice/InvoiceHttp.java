package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** HTTP client for the invoice tests: one tenant per instance, answers every status without throwing. */
final class InvoiceHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    final String tenant;
    private final String token;
    private final int port;
    private final InternalTokenService tokens;
    private final Caller caller;

    InvoiceHttp(InternalTokenService tokens, int port) {
        this.tenant = "ten_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        this.port = port;
        this.tokens = tokens;
        this.caller = new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), "Acme Studio", true);
        this.token = tokens.mint(caller);
    }

    private InvoiceHttp(String tenant, InternalTokenService tokens, Caller caller, int port) {
        this.tenant = tenant;
        this.tokens = tokens;
        this.caller = caller;
        this.token = tokens.mint(caller);
        this.port = port;
    }

    /** The same tenant and caller, with a fresh token, against another instance of the service. */
    InvoiceHttp on(InternalTokenService tokens, int otherPort) {
        return new InvoiceHttp(tenant, tokens, caller, otherPort);
    }

    Res get(String path) {
        return send("GET", path, null, Map.of());
    }

    Res post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    /** As the gateway forwards a POST that carried an Idempotency-Key: key and fingerprint signed into the token. */
    Res post(String path, String body, String idempotencyKey, String fingerprint) {
        return send("POST", path, body, Map.of(InternalTokenService.HEADER,
                tokens.mint(caller, new IdempotencyKey(tenant, idempotencyKey, fingerprint))));
    }

    Res patch(String path, String body, Map<String, String> headers) {
        return send("PATCH", path, body, headers);
    }

    Res delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Res send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(InternalTokenService.HEADER, headers.getOrDefault(InternalTokenService.HEADER, token))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach((name, value) -> {
            if (!name.equals(InternalTokenService.HEADER)) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Res(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A customer of this tenant to bill. */
    String customer(String name) {
        Res res = post("/v1/customers", """
                {"name": "%s", "email": "billing@example.com",
                 "address": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}}"""
                .formatted(name));
        if (res.status() != 201) {
            throw new IllegalStateException("customer not created: " + res.status() + " " + res.json());
        }
        return res.json().get("id").asText();
    }

    /** A draft with one taxed service line (10 × 150.00 at 19 %) for a new customer. */
    String draft() {
        return draft(customer("Globex"));
    }

    String draft(String customerId) {
        Res res = post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD",
                 "lineItems": [{"description": "Design work", "kind": "service", "quantity": "10", "unit": "hour",
                                "unitPrice": "150.00", "taxRatePercent": "19"}]}""".formatted(customerId));
        if (res.status() != 201) {
            throw new IllegalStateException("invoice not created: " + res.status() + " " + res.json());
        }
        return res.json().get("id").asText();
    }

    record Res(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }
}
