package io.billstream.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings shared by every service, under {@code billstream.*}. */
@ConfigurationProperties("billstream")
public record PlatformProperties(InternalToken internalToken, Outbox outbox, Kafka kafka, Web web) {

    public PlatformProperties {
        internalToken = internalToken == null ? new InternalToken(null, null, true) : internalToken;
        outbox = outbox == null ? new Outbox(true, null, 0) : outbox;
        kafka = kafka == null ? new Kafka(0, null, 0, null) : kafka;
        web = web == null ? new Web(0) : web;
    }

    /**
     * @param secret   HMAC key shared by the gateway and the services (≥ 32 bytes)
     * @param ttl      how long a minted token is valid
     * @param required whether this application verifies tokens on {@code /v1/**} (the gateway mints instead)
     */
    public record InternalToken(String secret, Duration ttl, boolean required) {
        public InternalToken {
            ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
        }
    }

    /**
     * @param pollInterval the relay's safety-net poll; new rows wake it at once (in process, or by a notification)
     */
    public record Outbox(boolean enabled, Duration pollInterval, int batchSize) {
        public Outbox {
            pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
            batchSize = batchSize <= 0 ? 100 : batchSize;
        }
    }

    /**
     * @param partitions     partitions of each topic this service creates
     * @param sendTimeout    how long a publisher waits for the broker's acknowledgement
     * @param maxAttempts    deliveries of one record to a listener before it goes to the dead-letter topic
     * @param retryBackoff   pause between those deliveries
     */
    public record Kafka(int partitions, Duration sendTimeout, int maxAttempts, Duration retryBackoff) {
        public Kafka {
            partitions = partitions <= 0 ? 6 : partitions;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
            maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
            retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
        }
    }

    /** @param maxBodyBytes request bodies above this get 413 (docs/api-reference.md §2: 1 MiB) */
    public record Web(long maxBodyBytes) {
        public Web {
            maxBodyBytes = maxBodyBytes <= 0 ? 1024 * 1024 : maxBodyBytes;
        }
    }
}
