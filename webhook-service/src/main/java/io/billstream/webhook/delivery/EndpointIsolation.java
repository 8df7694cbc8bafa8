package io.billstream.webhook.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * One circuit breaker and one bulkhead per endpoint (configuration {@value #CONFIG} in
 * {@code resilience4j.*}): a failing endpoint stops being called for a while, and a slow one can hold only a few
 * of this instance's delivery slots, so the others keep flowing.
 */
@Component
public class EndpointIsolation {

    static final String CONFIG = "webhook-endpoint";

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;

    public EndpointIsolation(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
        this.breakers = breakers;
        this.bulkheads = bulkheads;
    }

    public CircuitBreaker circuitBreaker(String endpointId) {
        return breakers.circuitBreaker(endpointId, CONFIG);
    }

    public Bulkhead bulkhead(String endpointId) {
        return bulkheads.bulkhead(endpointId, CONFIG);
    }

    /** Endpoints whose every slot is busy: claiming more of their messages now would only bounce them. */
    public Set<String> saturated() {
        return bulkheads.getAllBulkheads().stream()
                .filter(b -> b.getMetrics().getAvailableConcurrentCalls() == 0)
                .map(Bulkhead::getName)
                .collect(Collectors.toSet());
    }

    /** Drops the state of a deleted endpoint. */
    public void forget(String endpointId) {
        breakers.remove(endpointId);
        bulkheads.remove(endpointId);
    }
}
