package io.billstream.webhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Calls the service as the gateway would, for one tenant, and never throws on 4xx/5xx. */
public final class Api {

    public record Response(int status, HttpHeaders headers, JsonNode body) {
        public String contentType() {
            return headers.getContentType() == null ? null : headers.getContentType().toString();
        }
    }

    private final RestClient client;
    private final InternalTokenService tokens;
    private final ObjectMapper mapper;
    private final String tenant;

    public Api(int port, InternalTokenService tokens, ObjectMapper mapper, String tenant) {
        this.client = RestClient.create("http://127.0.0.1:" + port);
        this.tokens = tokens;
        this.mapper = mapper;
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }

    public Response get(String path) {
        return call(HttpMethod.GET, path, null, true);
    }

    public Response post(String path, String json) {
        return call(HttpMethod.POST, path, json, true);
    }

    /** As the gateway forwards a POST that carried an Idempotency-Key: key and fingerprint signed into the token. */
    public Response post(String path, String json, String idempotencyKey, String fingerprint) {
        RestClient.RequestBodySpec spec = client.method(HttpMethod.POST).uri(path)
                .header(InternalTokenService.HEADER, tokens.mint(
                        new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_test"), "Acme", true),
                        new IdempotencyKey(tenant, idempotencyKey, fingerprint)));
        if (json != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : mapper.readTree(bytes);
            return new Response(response.getStatusCode().value(), response.getHeaders(), body);
        });
    }

    public Response patch(String path, String json) {
        return call(HttpMethod.PATCH, path, json, true);
    }

    public Response delete(String path) {
        return call(HttpMethod.DELETE, path, null, true);
    }

    public Response withoutToken(HttpMethod method, String path) {
        return call(method, path, null, false);
    }

    public Response patchIfMatch(String path, String json, String etag) {
        return call(HttpMethod.PATCH, path, json, true, etag);
    }

    public Response call(HttpMethod method, String path, String json, boolean withToken) {
        return call(method, path, json, withToken, null);
    }

    private Response call(HttpMethod method, String path, String json, boolean withToken, String ifMatch) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path);
        if (ifMatch != null) {
            spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (withToken) {
            spec.header(InternalTokenService.HEADER, tokens.mint(
                    new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_test"), "Acme", true)));
        }
        if (json != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : mapper.readTree(bytes);
            return new Response(response.getStatusCode().value(), response.getHeaders(), body);
        });
    }
}
