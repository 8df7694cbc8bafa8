package io.billstream.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service, taken in turn (round-robin). Each instance has its own circuit breaker
 * ({@code <route>-<n>}), so one dead instance is skipped while its siblings keep serving; when every breaker of the
 * route refuses, the request fails fast with 503.
 */
public class Upstreams {

    private final String route;
    private final List<Instance> instances;
    private final AtomicInteger next = new AtomicInteger();

    public Upstreams(String route, List<URI> urls, CircuitBreakerRegistry breakers) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no upstream URL for route " + route);
        }
        this.route = route;
        this.instances = java.util.stream.IntStream.range(0, urls.size())
                .mapToObj(i -> new Instance(urls.get(i), breakers.circuitBreaker(route + "-" + i)))
                .toList();
    }

    public String route() {
        return route;
    }

    public List<Instance> instances() {
        return instances;
    }

    /**
     * The next instance, in turn, whose breaker grants a call (an open breaker whose wait has passed turns
     * half-open here and gets its trial calls). The caller owns the granted permission and must report the outcome
     * to {@link Instance#breaker()}. Empty when every breaker refuses.
     */
    public Optional<Instance> acquire() {
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        for (int i = 0; i < instances.size(); i++) {
            Instance candidate = instances.get((start + i) % instances.size());
            if (candidate.breaker().tryAcquirePermission()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public record Instance(URI baseUrl, CircuitBreaker breaker) {
    }
}
