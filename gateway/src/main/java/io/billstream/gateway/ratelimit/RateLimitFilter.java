package io.billstream.gateway.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.billstream.gateway.GatewayProperties;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.Problems;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-tenant and per-API-key request limits, and per client address for signup and login (resilience4j rate
 * limiters, in memory on each instance): each allows
 * {@code burst} requests per window of {@code burst / requestsPerSecond} seconds. Over the limit → 429
 * {@code rate_limited} with {@code Retry-After}; every limited response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} of the tighter limiter.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final java.util.Set<String> ANONYMOUS_PATHS = java.util.Set.of("/v1/signup", "/v1/login", "/v1/session");

    /**
     * One limiter per tenant, key and address; idle ones are dropped (a limiter idle for longer than its window is
     * full again anyway), so unknown addresses cannot grow this without bound.
     */
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();
    private final RateLimiterConfig tenantConfig;
    private final RateLimiterConfig apiKeyConfig;
    private final RateLimiterConfig anonymousConfig;
    private final ObjectMapper mapper;

    public RateLimitFilter(GatewayProperties.RateLimit settings, ObjectMapper mapper) {
        this.tenantConfig = config(settings.tenant());
        this.apiKeyConfig = config(settings.apiKey());
        this.anonymousConfig = config(settings.anonymous());
        this.mapper = mapper;
    }

    private static RateLimiterConfig config(GatewayProperties.Limit limit) {
        return RateLimiterConfig.custom()
                .limitForPeriod(limit.burst())
                .limitRefreshPeriod(limit.window())
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal = AuthenticationFilter.principalOf(request);
        RateLimiter tenant;
        RateLimiter key = null;
        if (principal.isPresent()) {
            tenant = limiter("tenant:" + principal.get().tenantId().value(), tenantConfig);
            if (!principal.get().isUser()) {
                key = limiter("key:" + principal.get().actor().id(), apiKeyConfig);
            }
        } else if (ANONYMOUS_PATHS.contains(request.getRequestURI())) {
            // signup and login have no tenant yet: limit them per client address
            tenant = limiter("address:" + request.getRemoteAddr(), anonymousConfig);
        } else {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter exhausted = null;
        if (key != null && !key.acquirePermission()) {
            exhausted = key;
        } else if (!tenant.acquirePermission()) {
            exhausted = tenant;
        }
        RateLimiter shown = exhausted != null ? exhausted
                : key != null && remaining(key) < remaining(tenant) ? key : tenant;
        response.setHeader("RateLimit-Limit", Integer.toString(shown.getRateLimiterConfig().getLimitForPeriod()));
        response.setHeader("RateLimit-Remaining", Integer.toString(Math.max(0, remaining(shown))));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds(shown)));
        if (exhausted != null) {
            Problems.write(response, mapper, ErrorCode.RATE_LIMITED,
                    "Too many requests; retry after the indicated time.", Duration.ofSeconds(resetSeconds(shown)));
            return;
        }
        chain.doFilter(request, response);
    }

    private RateLimiter limiter(String name, RateLimiterConfig config) {
        return limiters.get(name, n -> RateLimiter.of(n, config));
    }

    private static int remaining(RateLimiter limiter) {
        return limiter.getMetrics().getAvailablePermissions();
    }

    /** Seconds until the next permit when exhausted; otherwise the window length (an upper bound). */
    private static long resetSeconds(RateLimiter limiter) {
        long nanos = limiter.getMetrics().getAvailablePermissions() > 0
                ? limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos()
                : ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
