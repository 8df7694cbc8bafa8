package io.billstream.platform.messaging;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.web.RequestIds;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Sends without waiting: a caller with several events sends them all, then {@link #await}s the acks together,
     * one round trip for the lot instead of one per event. The producer keeps their order per partition.
     */
    public Sent send(String key, IntegrationEvent event) {
        return sendRaw(event.topic(), key, codec.encode(event), RequestIds.current());
    }

    public Sent sendRaw(String topic, String key, String payload, String requestId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        if (requestId != null) {
            record.headers().add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return new Sent(topic, kafka.send(record));
    }

    /** Waits until the broker has acknowledged every one, within the timeout for all of them together. */
    public void await(List<Sent> sends) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Sent sent : sends) {
            try {
                sent.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(sent.topic(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishFailedException(sent.topic(), e);
            }
        }
    }

    /** A record handed to the producer, not yet known to be acknowledged. */
    public record Sent(String topic, CompletableFuture<?> ack) {
    }

    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String topic, Exception cause) {
            super("could not publish to " + topic, cause);
        }
    }
}
