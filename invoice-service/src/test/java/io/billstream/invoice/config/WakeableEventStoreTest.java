package io.billstream.invoice.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one storage: one instance's store learns of the other's events when woken, not only by its poll
 * (here an hour, so the poll cannot be what finds them).
 */
class WakeableEventStoreTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final WakeableEventStore here = new WakeableEventStore(EmbeddedEventStore.builder()
            .storageEngine(storage).fetchDelay(TimeUnit.HOURS.toMillis(1)));
    private final EmbeddedEventStore otherInstance = EmbeddedEventStore.builder().storageEngine(storage).build();

    @AfterEach
    void stop() {
        here.shutDown();
        otherInstance.shutDown();
    }

    @Test
    void anotherInstancesEventIsReadWhenTheStoreIsWoken() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = here.openStream(null)) {
            // the producer has read the empty store once and now waits for its (hour-long) poll
            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();

            otherInstance.publish(GenericEventMessage.asEventMessage("paid elsewhere"));
            assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).as("found without a wake-up").isFalse();

            here.wake();
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("found after the wake-up").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("paid elsewhere");
        }
    }

    @Test
    void ownCommitsNeedNoWakeUp() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = here.openStream(null)) {
            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();

            here.publish(GenericEventMessage.asEventMessage("paid here"));

            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("paid here");
        }
    }
}
