package io.billstream.gateway.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.routing.InvoiceVersionsSeen;
import io.billstream.gateway.routing.RoutingConfiguration;
import io.billstream.gateway.routing.Upstreams;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.RequestIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GraphQL resolvers' only way into a service, the same way the REST proxy goes: the route's instances taken in
 * turn ({@link Upstreams}), each call inside its instance's circuit breaker, the internal token minted from the
 * caller's principal, the request id and {@code traceparent} forwarded. A service's problem answer becomes a
 * {@link ServiceError} with its stable code; a refused connection, a timeout or open breakers become
 * {@code service_unavailable}, as they do for REST. Every call is counted (per request and in the
 * {@code billstream.gateway.graphql.upstream.calls} meter), which is how the N+1 bound is shown. Writes follow the
 * REST proxy's read-your-writes rule ({@link InvoiceVersionsSeen}): an invoice's version in an answer is noted, and a
 * payment or a send of that invoice carries it, so a {@code recordPayment} right after {@code issueInvoice} waits for
 * the issued invoice instead of being told it is a draft.
 */
public class ServiceCalls {

    private static final Logger log = LoggerFactory.getLogger(ServiceCalls.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int MAX_KEY_LENGTH = 255;

    private final RoutingConfiguration.ServiceRoutes routes;
    private final InternalTokenService tokens;
    private final RestClient client;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final InvoiceVersionsSeen seen;

    public ServiceCalls(RoutingConfiguration.ServiceRoutes routes, InternalTokenService tokens, RestClient client,
                        ObjectMapper mapper, MeterRegistry meters, InvoiceVersionsSeen seen) {
        this.routes = routes;
        this.tokens = tokens;
        this.client = client;
        this.mapper = mapper;
        this.meters = meters;
        this.seen = seen;
    }

    /** A GET; the answer's JSON object. */
    public Map<String, Object> get(GraphQlCall call, String route, String path) {
        return exchange(call, route, HttpMethod.GET, path, null, null, null, null).orElseThrow();
    }

    /**
     * A state change. Refused at once with {@code forbidden} for viewers and read-only keys (the same rule the
     * authentication filter applies to REST writes). {@code field} names the mutation within the request, so the
     * service sees a per-mutation {@code Idempotency-Key} derived from the client's. Empty for a 204.
     */
    public Optional<Map<String, Object>> write(GraphQlCall call, String field, String route, HttpMethod method,
                                               String path, Object body, Integer ifMatch) {
        if (!call.principal().canWrite()) {
            throw new ServiceError(403, ErrorCode.FORBIDDEN.code(), "This user or key may only read.", null);
        }
        String tenant = call.principal().tenantId().value();
        SeenVersion carried = seen.carried(tenant, method.name(), path,
                () -> body instanceof Map<?, ?> map && map.get("invoiceId") instanceof String id ? id : null)
                .orElse(null);
        return exchange(call, route, method, path, body, derivedKey(call.idempotencyKey(), field), ifMatch, carried);
    }

    private Optional<Map<String, Object>> exchange(GraphQlCall call, String route, HttpMethod method, String path,
                                                   Object body, String idempotencyKey, Integer ifMatch,
                                                   SeenVersion carried) {
        Upstreams upstreams = routes.get(route);
        Optional<Upstreams.Instance> granted = upstreams.acquire();
        if (granted.isEmpty()) {
            throw unavailable(route);
        }
        Upstreams.Instance instance = granted.get();
        CircuitBreaker breaker = instance.breaker();
        call.upstreamCalls().incrementAndGet();
        meters.counter("billstream.gateway.graphql.upstream.calls", "route", route).increment();
        long started = breaker.getCurrentTimestamp();
        Answer answer;
        try {
            byte[] json = body == null ? null : mapper.writeValueAsBytes(body);
            // Idempotency end to end: the mutation's own key, with the fingerprint of this service call, signed into
            // the internal token, so the service records it in the transaction of the effect
            IdempotencyKey idempotency = idempotencyKey == null ? null : new IdempotencyKey(
                    call.principal().tenantId().value(), idempotencyKey, fingerprint(method, path, json));
            RestClient.RequestBodySpec request = client.method(method)
                    // a URI, not a template: the path and query are encoded already and must not be encoded twice
                    .uri(java.net.URI.create(instance.baseUrl().toString().replaceAll("/$", "") + path))
                    .header(InternalTokenService.HEADER, tokens.mint(call.principal().toCaller(), idempotency, carried))
                    .accept(MediaType.APPLICATION_JSON);
            if (call.requestId() != null) {
                request.header(RequestIds.HEADER, call.requestId());
            }
            if (ifMatch != null) {
                request.header("If-Match", "\"" + ifMatch + "\"");
            }
            if (json != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json);
            }
            answer = request.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                    res.getHeaders().getFirst(HttpHeaders.ETAG), res.getHeaders().getFirst(HttpHeaders.LOCATION),
                    res.getBody().readAllBytes()), true);
        } catch (IOException | RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), e);
            log.warn("{} upstream {} failed for GraphQL: {}", route, instance.baseUrl(), e.toString());
            throw unavailable(route);
        }
        breaker.onSuccess(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit());
        if (method != HttpMethod.GET) {
            seen.answered(call.principal().tenantId().value(), method.name(), path, answer.status(), answer.etag(),
                    answer.location());
        }
        if (answer.status() == 204) {
            return Optional.empty();
        }
        Map<String, Object> json = parse(answer.body());
        if (answer.status() >= 400) {
            throw problem(answer.status(), json);
        }
        return Optional.of(json == null ? Map.of() : json);
    }

    private Map<String, Object> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(body, MAP);
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static ServiceError problem(int status, Map<String, Object> json) {
        String code = json != null && json.get("code") instanceof String c ? c
                : status == 404 ? ErrorCode.NOT_FOUND.code()
                : status == 405 ? ErrorCode.METHOD_NOT_ALLOWED.code()
                : status >= 500 ? ErrorCode.SERVICE_UNAVAILABLE.code() : ErrorCode.MALFORMED_REQUEST.code();
        String detail = json != null && json.get("detail") instanceof String d ? d
                : json != null && json.get("title") instanceof String t ? t : "The service answered " + status + ".";
        if (status == 404 && (json == null || !(json.get("code") instanceof String))) {
            // a path the service does not know (e.g. a feature it does not have yet) reads as not found
            detail = "Not found.";
        }
        List<Map<String, Object>> errors = json != null && json.get("errors") instanceof List<?> list
                ? (List<Map<String, Object>>) list : null;
        return new ServiceError(status, code, detail, errors);
    }

    private static ServiceError unavailable(String route) {
        return new ServiceError(503, ErrorCode.SERVICE_UNAVAILABLE.code(),
                "The " + route + " service is unavailable; retry shortly.", null);
    }

    /**
     * The client's key applies to the whole request (the gateway's idempotency filter replays it); each mutation
     * of it reaches its service with a key of its own, so two mutations of one request never share a key there.
     */
    static String derivedKey(String key, String field) {
        if (key == null) {
            return null;
        }
        String derived = key + ":" + field;
        if (derived.length() <= MAX_KEY_LENGTH) {
            return derived;
        }
        try {
            return "gql-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(derived.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(HttpMethod method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method.name() + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                digest.update(body);
            }
            return "gql:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Query string helper: leaves out null values, encodes the rest. */
    public static String query(Map<String, Object> params) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> ordered = new LinkedHashMap<>(params);
        ordered.forEach((name, value) -> {
            if (value != null) {
                out.append(out.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    public static String segment(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Answer(int status, String etag, String location, byte[] body) {
    }
}
