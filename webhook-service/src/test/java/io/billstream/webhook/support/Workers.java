package io.billstream.webhook.support;

import io.billstream.webhook.WebhookProperties;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.delivery.EndpointIsolation;
import io.billstream.webhook.delivery.HttpSender;
import io.billstream.webhook.domain.RetryPolicy;
import io.billstream.webhook.domain.UrlGuard;
import io.billstream.webhook.persistence.DeliveryRepository;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.ApplicationContext;

import java.util.Map;

/**
 * A second delivery worker beside the context's own, as another instance of the service would run one: the same
 * store, sender and policies, but breakers, bulkheads and meters of its own.
 */
public final class Workers {

    private static final String ENDPOINT = "webhook-endpoint";

    private Workers() {
    }

    public static DeliveryWorker another(ApplicationContext context, DeliverySignal wakeUps,
                                         WebhookProperties properties, String instanceId) {
        CircuitBreakerRegistry breakers = context.getBean(CircuitBreakerRegistry.class);
        BulkheadRegistry bulkheads = context.getBean(BulkheadRegistry.class);
        return new DeliveryWorker(context.getBean(DeliveryRepository.class), context.getBean(HttpSender.class),
                context.getBean(UrlGuard.class), new EndpointIsolation(
                CircuitBreakerRegistry.of(Map.of(ENDPOINT, breakers.getConfiguration(ENDPOINT).orElseThrow())),
                BulkheadRegistry.of(Map.of(ENDPOINT, bulkheads.getConfiguration(ENDPOINT).orElseThrow()))),
                context.getBean(RetryPolicy.class), wakeUps, properties, new SimpleMeterRegistry(), instanceId);
    }
}
