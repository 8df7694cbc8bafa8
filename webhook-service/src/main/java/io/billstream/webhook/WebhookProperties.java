package io.billstream.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code billstream.webhooks}.
 *
 * @param allowHttp              whether plain {@code http://} targets are accepted (local stacks only)
 * @param allowedNetworks        CIDRs exempt from the SSRF guard (tests and local stacks use 127.0.0.0/8)
 * @param retrySchedule          pauses before each retry after a failed attempt; once used up the message fails
 * @param retryJitter            each pause is stretched or shrunk by up to this fraction, so retries spread out
 * @param retryAfterCap          a receiver's {@code Retry-After} is honoured up to this long
 * @param attemptTimeout         a 2xx must arrive (headers and body) within this
 * @param disableAfterFailingFor an endpoint with no success for this long is disabled
 * @param secretRotationOverlap  how long the previous secret keeps signing after a rotation
 * @param consumerGroup          Kafka group of this service's instances
 */
@ConfigurationProperties("billstream.webhooks")
public record WebhookProperties(boolean allowHttp, List<String> allowedNetworks, List<Duration> retrySchedule,
                                double retryJitter, Duration retryAfterCap, Duration attemptTimeout,
                                Duration disableAfterFailingFor, Duration secretRotationOverlap,
                                String consumerGroup, Worker worker) {

    public WebhookProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        retrySchedule = retrySchedule == null ? List.of() : List.copyOf(retrySchedule);
        retryAfterCap = retryAfterCap == null ? Duration.ofHours(6) : retryAfterCap;
        attemptTimeout = attemptTimeout == null ? Duration.ofSeconds(15) : attemptTimeout;
        disableAfterFailingFor = disableAfterFailingFor == null ? Duration.ofDays(5) : disableAfterFailingFor;
        secretRotationOverlap = secretRotationOverlap == null ? Duration.ofHours(24) : secretRotationOverlap;
        consumerGroup = consumerGroup == null ? "webhook-service" : consumerGroup;
        worker = worker == null ? new Worker(true, null, null, 0, 0) : worker;
    }

    /**
     * @param enabled     whether this instance attempts deliveries (API-only instances set false)
     * @param pollInterval the safety-net poll: new messages, written outcomes and other instances' notifications
     *                     wake the worker, and it sleeps until the next retry is due; this only bounds the wait
     *                     when a wake-up was lost (or a crashed instance's lease ran out)
     * @param lease       how long a claimed message is reserved for this instance; longer than an attempt
     * @param claimBatch  messages claimed per query
     * @param maxInFlight attempts running at once on this instance, across all endpoints
     */
    public record Worker(boolean enabled, Duration pollInterval, Duration lease, int claimBatch, int maxInFlight) {
        public Worker {
            pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
            lease = lease == null ? Duration.ofSeconds(60) : lease;
            claimBatch = claimBatch <= 0 ? 200 : claimBatch;
            maxInFlight = maxInFlight <= 0 ? 256 : maxInFlight;
        }
    }
}
