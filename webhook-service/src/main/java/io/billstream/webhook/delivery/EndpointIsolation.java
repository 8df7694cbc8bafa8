package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.EndpointCircuits;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker and one bulkhead per endpoint (configuration {@value #CONFIG} in
 * {@code resilience4j.*}): a failing endpoint stops being called for a while, and a slow one can hold only a few
 * of this instance's delivery slots, so the others keep flowing.
 */
@Component
public class EndpointIsolation implements EndpointCircuits {

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

    /** How many attempts to one endpoint may run at once on this instance (the bulkhead's size). */
    public int slotsPerEndpoint() {
        return bulkheads.getConfiguration(CONFIG).orElseGet(bulkheads::getDefaultConfig).getMaxConcurrentCalls();
    }

    /** Drops the state of a deleted endpoint. */
    @Override
    public void forget(String endpointId) {
        breakers.remove(endpointId);
        bulkheads.remove(endpointId);
    }
}
