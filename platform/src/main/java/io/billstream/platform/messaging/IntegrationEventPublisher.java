package io.billstream.platform.messaging;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.web.RequestIds;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one integration event and waits for the broker's acknowledgement, so a caller that marks its durable log
 * entry as published only afterwards publishes at least once. Callers are the durable logs (event store
 * processor, outbox relay); nothing sends straight from a request (no dual write).
 */
public class IntegrationEventPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final IntegrationEventCodec codec;
    private final Duration timeout;

    public IntegrationEventPublisher(KafkaTemplate<String, String> kafka, IntegrationEventCodec codec,
                                     Duration timeout) {
        this.kafka = kafka;
        this.codec = codec;
        this.timeout = timeout;
    }

    public void publish(String key, IntegrationEvent event) {
        publishRaw(event.topic(), key, codec.encode(event), RequestIds.current());
    }

    public void publishRaw(String topic, String key, String payload, String requestId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        if (requestId != null) {
            record.headers().add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException(topic, e);
        }
    }

    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String topic, Exception cause) {
            super("could not publish to " + topic, cause);
        }
    }
}
