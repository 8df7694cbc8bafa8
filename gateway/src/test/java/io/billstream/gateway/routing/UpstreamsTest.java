package io.billstream.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamsTest {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .waitDurationInOpenState(Duration.ofMinutes(1)).build());
    private final Upstreams upstreams = new Upstreams("invoice",
            List.of(URI.create("http://a:1"), URI.create("http://b:2"), URI.create("http://c:3")), breakers);

    @Test
    void instancesTakeTurns() {
        List<String> hosts = IntStream.range(0, 6).mapToObj(i -> take()).toList();
        assertThat(hosts).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void anInstanceWithAnOpenBreakerIsSkippedAndAllOpenMeansNone() {
        breakers.circuitBreaker("invoice-1").transitionToOpenState();
        assertThat(IntStream.range(0, 6).mapToObj(i -> take()).toList()).doesNotContain("b").contains("a", "c");

        breakers.circuitBreaker("invoice-0").transitionToOpenState();
        breakers.circuitBreaker("invoice-2").transitionToOpenState();
        assertThat(upstreams.acquire()).isEmpty();
    }

    private String take() {
        Upstreams.Instance instance = upstreams.acquire().orElseThrow();
        instance.breaker().onSuccess(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        return instance.baseUrl().getHost();
    }
}
