package io.billstream.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.idempotency.IdempotencyFilter;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.SeenVersion;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.ErrorStatus;
import io.billstream.platform.web.Problems;
import io.billstream.platform.web.RequestIdFilter;
import io.billstream.platform.web.RequestIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every routed request goes through on its way to a service: pick an instance, drop whatever internal headers
 * and credentials the client sent, attach the internal token minted for the authenticated principal, and call the
 * instance inside its circuit breaker. A refused connection, a timeout or an open breaker becomes a fast 503
 * problem with {@code Retry-After}; the service's own answers (including its 5xx) pass through unchanged.
 */
public class ProxyFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ProxyFilter.class);
    private static final String INTERNAL_HEADER_PREFIX = "x-billstream-";

    private final Upstreams upstreams;
    private final InternalTokenService tokens;
    private final ObjectMapper mapper;
    private final Duration retryAfter;

    public ProxyFilter(Upstreams upstreams, InternalTokenService tokens, ObjectMapper mapper, Duration retryAfter) {
        this.upstreams = upstreams;
        this.tokens = tokens;
        this.mapper = mapper;
        this.retryAfter = retryAfter;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        Principal principal = AuthenticationFilter.principalOf(request.servletRequest()).orElse(null);
        if (principal == null) {
            return problem(ErrorCode.UNAUTHENTICATED, "Authentication is required.", null);
        }
        String requestId = (String) request.servletRequest().getAttribute(RequestIdFilter.ATTRIBUTE);
        // signed into the token with the caller, never a header of its own: a direct caller can neither forge nor strip it
        IdempotencyKey idempotency = request.servletRequest().getAttribute(IdempotencyFilter.FORWARDED_KEY)
                instanceof IdempotencyKey key ? key : null;
        ServerRequest forwarded = ServerRequest.from(request).headers(headers -> {
            headers.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith(INTERNAL_HEADER_PREFIX));
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(HttpHeaders.COOKIE);
            headers.set(InternalTokenService.HEADER, tokens.mint(principal.toCaller(), idempotency,
                    (SeenVersion) request.servletRequest().getAttribute(SeenVersionFilter.FORWARDED)));
            if (requestId != null) {
                headers.set(RequestIds.HEADER, requestId);
            }
        }).build();
        Optional<Upstreams.Instance> granted = upstreams.acquire();
        if (granted.isEmpty()) {
            return unavailable("The " + upstreams.route() + " service is unavailable; retry shortly.");
        }
        Upstreams.Instance instance = granted.get();
        CircuitBreaker breaker = instance.breaker();
        MvcUtils.setRouteId(forwarded, upstreams.route());
        MvcUtils.setRequestUrl(forwarded, instance.baseUrl());
        long started = breaker.getCurrentTimestamp();
        ServerResponse response;
        try {
            response = next.handle(forwarded);
        } catch (Throwable e) {
            DomainException clientFault = clientFault(e);
            if (clientFault != null) {
                // e.g. a chunked body that crossed the size limit while being forwarded: not the service's fault
                breaker.releasePermission();
                return problem(clientFault.code(), clientFault.getMessage(),
                        clientFault.retryAfter());
            }
            breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), e);
            log.warn("{} upstream {} failed: {}", upstreams.route(), instance.baseUrl(), e.toString());
            return unavailable("The " + upstreams.route() + " service did not answer; retry shortly.");
        }
        breaker.onSuccess(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit());
        // The gateway already set the request id on the response; the service's copy would duplicate it.
        response.headers().remove(RequestIds.HEADER);
        return response;
    }

    private static DomainException clientFault(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException api) {
                return api;
            }
        }
        return null;
    }

    private ServerResponse unavailable(String detail) throws Exception {
        return problem(ErrorCode.SERVICE_UNAVAILABLE, detail, retryAfter);
    }

    private ServerResponse problem(ErrorCode code, String detail, Duration retry) throws Exception {
        ProblemDetail body = Problems.of(code, detail, List.of());
        ServerResponse.BodyBuilder builder = ServerResponse.status(ErrorStatus.of(code)).contentType(Problems.PROBLEM_JSON);
        if (retry != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retry.toSeconds())));
        }
        return builder.body(mapper.writeValueAsString(body));
    }
}
