package io.billstream.payment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.security.TenantId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls the service over HTTP as the gateway would, with a freshly minted internal token per call. */
public final class PaymentApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final InternalTokenService tokens;
    private final ObjectMapper mapper;

    public PaymentApi(int port, InternalTokenService tokens, ObjectMapper mapper) {
        this.base = "http://127.0.0.1:" + port;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    public static Caller writer(String tenant) {
        return new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), "Acme", true);
    }

    public static Caller reader(String tenant) {
        return new Caller(new TenantId(tenant), new Actor(ActorType.API_KEY, "key_1"), "Acme", false);
    }

    public HttpResult pay(String tenant, String invoiceId, String amount, String currency) {
        return post(writer(tenant), "/v1/payments", json(Map.of("invoiceId", invoiceId, "amount", amount,
                "currency", currency, "method", "bank_transfer")));
    }

    public HttpResult refund(String tenant, String paymentId, String amount, String reason) {
        return post(writer(tenant), "/v1/payments/" + paymentId + "/refunds",
                json(reason == null ? Map.of("amount", amount) : Map.of("amount", amount, "reason", reason)));
    }

    public HttpResult post(Caller caller, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (caller != null) {
            request.header(InternalTokenService.HEADER, tokens.mint(caller));
        }
        return send(request.build());
    }

    /** As the gateway forwards a request that carried an Idempotency-Key: key and fingerprint inside the token. */
    public HttpResult post(Caller caller, String path, String body, IdempotencyKey idempotency) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header(InternalTokenService.HEADER, tokens.mint(caller, idempotency))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** As the gateway forwards a payment for an invoice whose newer version the client was already answered with. */
    public HttpResult post(Caller caller, String path, String body, SeenVersion seen) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header(InternalTokenService.HEADER, tokens.mint(caller, null, seen))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** As the gateway forwards a keyed payment of an invoice whose newer version the client was answered with. */
    public HttpResult post(Caller caller, String path, String body, IdempotencyKey idempotency, SeenVersion seen) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header(InternalTokenService.HEADER, tokens.mint(caller, idempotency, seen))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResult get(String tenant, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header(InternalTokenService.HEADER, tokens.mint(writer(tenant))).GET().build());
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResult send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? MissingNode.getInstance() : mapper.readTree(response.body());
            return new HttpResult(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
