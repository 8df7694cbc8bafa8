package io.billstream.invoice.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The wake-up the pooled processors rely on instead of their 500 ms poll. */
class SignallingEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final SignallingEventSource source = new SignallingEventSource(store);

    @AfterEach
    void stop() {
        source.stop();
        store.shutDown();
    }

    @Test
    void wakesAnOpenStreamWhenEventsArrive() throws Exception {
        source.start();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            CountDownLatch woken = new CountDownLatch(1);
            assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();

            store.publish(GenericEventMessage.asEventMessage("invoice paid"));

            assertThat(woken.await(10, TimeUnit.SECONDS)).as("woken").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("invoice paid");
        }
    }

    @Test
    void aClosedStreamIsNotWokenAnyMore() throws Exception {
        source.start();
        AtomicInteger closedWakeUps = new AtomicInteger();
        CountDownLatch openWoken = new CountDownLatch(1);
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        closed.setOnAvailableCallback(closedWakeUps::incrementAndGet);
        closed.close();
        try (BlockingStream<TrackedEventMessage<?>> open = source.openStream(null)) {
            open.setOnAvailableCallback(openWoken::countDown);

            store.publish(GenericEventMessage.asEventMessage("invoice paid"));

            assertThat(openWoken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(closedWakeUps).hasValue(0);
        }
    }
}
