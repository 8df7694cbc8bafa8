package io.billstream.webhook.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.observability.BillstreamMetrics;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.webhook.WebhookProperties;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.delivery.EndpointIsolation;
import io.billstream.webhook.delivery.HttpSender;
import io.billstream.webhook.domain.EndpointCircuits;
import io.billstream.webhook.domain.EndpointStatus;
import io.billstream.webhook.domain.EndpointStore;
import io.billstream.webhook.domain.Endpoints;
import io.billstream.webhook.domain.MessageStore;
import io.billstream.webhook.domain.RetryPolicy;
import io.billstream.webhook.domain.UrlGuard;
import io.billstream.webhook.persistence.DeliveryRepository;
import io.billstream.webhook.persistence.MessageRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    UrlGuard urlGuard(WebhookProperties properties) {
        return new UrlGuard(properties.allowHttp(), properties.allowedNetworks());
    }

    @Bean
    RetryPolicy retryPolicy(WebhookProperties properties) {
        return new RetryPolicy(properties.retrySchedule(), properties.retryJitter(), properties.retryAfterCap());
    }

    /**
     * One pooled client shared by all endpoints, as many connections as attempts may run at once. It never follows
     * redirects: a redirect could lead past the SSRF guard.
     */
    @Bean(destroyMethod = "close")
    HttpSender httpSender(UrlGuard guard, WebhookProperties properties,
                          ObjectProvider<ObservationRegistry> observations) {
        return new HttpSender(guard, properties.worker().maxInFlight(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnProperty(name = "billstream.webhooks.worker.enabled", havingValue = "true", matchIfMissing = true)
    DeliveryWorker deliveryWorker(DeliveryRepository store, HttpSender sender, UrlGuard guard, EndpointIsolation isolation,
                                  RetryPolicy retryPolicy, DeliverySignal signal, WebhookProperties properties,
                                  MeterRegistry registry, TraceContexts traces) {
        return new DeliveryWorker(store, sender, guard, isolation, retryPolicy, signal, properties, registry,
                instanceName(), traces);
    }

    @Bean
    Endpoints endpoints(EndpointStore endpoints, MessageStore messages, UrlGuard guard, WebhookProperties properties,
                        RetryPolicy retryPolicy, EndpointCircuits isolation, DeliverySignal signal, ObjectMapper mapper,
                        Clock clock) {
        return new Endpoints(endpoints, messages, guard, properties.secretRotationOverlap(), retryPolicy, isolation,
                signal, mapper, clock);
    }

    @Bean
    Gauge webhookQueueDepth(MeterRegistry registry, MessageRepository messages) {
        return Gauge.builder("billstream.webhooks.queue.depth", () -> {
                    try {
                        return messages.pendingCount();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Webhook messages waiting for a (first or next) attempt")
                .register(registry);
    }

    /** Endpoints by status: a rise of the disabled ones is an alert (deploy/prometheus). */
    @Bean
    MeterBinder webhookEndpointGauges(JdbcTemplate jdbc) {
        return registry -> {
            for (EndpointStatus status : EndpointStatus.values()) {
                Gauge.builder(BillstreamMetrics.WEBHOOK_ENDPOINTS, () -> {
                            try {
                                return jdbc.queryForObject("select count(*) from webhook_endpoint where status = ?",
                                        Long.class, status.wire());
                            } catch (RuntimeException e) {
                                return Double.NaN;
                            }
                        })
                        .description("Webhook endpoints by status")
                        .tag("status", status.wire())
                        .register(registry);
            }
        };
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
