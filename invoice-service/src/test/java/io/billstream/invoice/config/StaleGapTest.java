package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.persistence.RecentStreams;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted instance's processors come back with tokens that still hold the gaps of rolled-back appends, which
 * the embedded store's shared stream (started at the head when the instance started) never had. A processor finds
 * that stream by token equality, so until such a gap left its token it read every event privately from the database.
 * A gap is given up once it has stayed empty for the gap timeout; the clock here is the test's.
 */
@ServiceIntegrationTest
class StaleGapTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ApplicationContext context;

    @Autowired
    RecentStreams recent;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final String aggregate = "inv_stalegap" + UUID.randomUUID().toString().replace("-", "");
    private CountingEngine engine;
    private WakeableEventStore store;

    @BeforeEach
    void storeOnItsOwnClock() {
        engine = new CountingEngine(OtherInstanceStore.builder(context), dataSource, recent, GAP_TIMEOUT, now::get);
        // an hour's poll: only wake() below makes the shared stream read
        store = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(engine)
                .fetchDelay(TimeUnit.HOURS.toMillis(1)));
    }

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aProcessorWhoseTokenHoldsAGapOfARolledBackAppendJoinsTheSharedStreamOnceTheGapTimedOut() throws Exception {
        GapAwareTrackingToken restored = tokenAfterARolledBackAppend();
        assertThat(restored.getGaps()).isNotEmpty();
        // as SignallingEventSource's watcher does when the instance starts: the shared stream begins at the head
        BlockingStream<TrackedEventMessage<?>> watcher = store.openStream(store.createHeadToken());
        assertThat(watcher.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();

        try (BlockingStream<TrackedEventMessage<?>> processor = store.openStream(restored)) {
            // while the gap is young, the tokens differ and every event is a private read
            appendAndRead(processor, 1);
            caughtUp(processor);
            int before = engine.privateReads.get();
            appendAndRead(processor, 2);
            assertThat(engine.privateReads.get()).as("a young gap keeps the processor reading privately")
                    .isGreaterThan(before);

            now.updateAndGet(t -> t.plus(GAP_TIMEOUT).plusSeconds(1));
            TrackedEventMessage<?> third = appendAndRead(processor, 3);
            assertThat(((GapAwareTrackingToken) third.trackingToken()).getGaps()).as("the timed-out gap is gone")
                    .doesNotContainAnyElementsOf(restored.getGaps());
            // a processor's stream looks for the shared one only when its own read finds nothing new
            sharedStreamHas(watcher, 3);
            caughtUp(processor);

            // The module's other tests share this database, and their leftovers (a deadline, a recurring run) may
            // commit meanwhile: an append of theirs that is in flight while the shared stream reads, but committed
            // when the processor reads, leaves the two tokens unequal for a while. With the stale gap gone they meet
            // again at the next event; with it kept, they never do.
            long sequence = 4;
            boolean shared = false;
            for (int round = 0; round < 5 && !shared; round++) {
                before = engine.privateReads.get();
                appendAndRead(processor, sequence);
                sharedStreamHas(watcher, sequence++);
                appendAndRead(processor, sequence);
                sharedStreamHas(watcher, sequence++);
                shared = engine.privateReads.get() == before;
                caughtUp(processor);
            }
            assertThat(shared).as("two events in a row read from the shared stream, not the database").isTrue();
        } finally {
            watcher.close();
        }
    }

    @Test
    void anEventThatCommitsAfterTheTimeoutIsStillReadByATokenThatWaitsForIt() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // a transaction that takes its index, then commits only when told: event 0, late
        Thread late = Thread.ofPlatform().start(() -> tx.executeWithoutResult(status -> {
            append(0);
            appended.countDown();
            await(commit);
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
        append(1);
        TrackedEventMessage<?> first = readFrom(head).getLast();
        GapAwareTrackingToken waiting = (GapAwareTrackingToken) first.trackingToken();
        assertThat(waiting.getGaps()).as("event 0's index").isNotEmpty();
        append(2);
        assertThat(readFrom(waiting)).extracting(m -> ((DomainEventMessage<?>) m).getSequenceNumber())
                .as("event 0's index met missing now").containsExactly(2L);

        now.updateAndGet(t -> t.plus(GAP_TIMEOUT).plusSeconds(1));
        commit.countDown();
        late.join(10_000);

        assertThat(readFrom(waiting)).extracting(m -> ((DomainEventMessage<?>) m).getSequenceNumber())
                .as("the gap is read by its key, however old").containsExactly(0L, 2L);
    }

    @Test
    void aGapStillMissingAfterTheTimeoutLeavesTheTokensOfTheEventsReadPastIt() {
        GapAwareTrackingToken restored = tokenAfterARolledBackAppend();
        append(1);
        assertThat(((GapAwareTrackingToken) readFrom(restored).getLast().trackingToken()).getGaps())
                .as("young").containsAll(restored.getGaps());

        now.updateAndGet(t -> t.plus(GAP_TIMEOUT).plusSeconds(1));
        append(2);
        List<? extends TrackedEventMessage<?>> read = readFrom(restored);
        assertThat(read).extracting(m -> ((DomainEventMessage<?>) m).getSequenceNumber()).containsExactly(1L, 2L);
        assertThat(read).allSatisfy(m -> assertThat(((GapAwareTrackingToken) m.trackingToken()).getGaps())
                .doesNotContainAnyElementsOf(restored.getGaps()));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends event 0 of the test's stream after an append that rolled back; the token of event 0 as a processor
     * that read it from the event before both would hold it: at event 0, with the rolled-back index as a gap.
     */
    private GapAwareTrackingToken tokenAfterARolledBackAppend() {
        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
        tx.executeWithoutResult(status -> {
            engine.appendEvents(new GenericDomainEventMessage<>("Invoice", aggregate + "x", 0, "rolled back"));
            status.setRollbackOnly();
        });
        append(0);
        return (GapAwareTrackingToken) readFrom(head).getLast().trackingToken();
    }

    private TrackedEventMessage<?> appendAndRead(BlockingStream<TrackedEventMessage<?>> processor, long sequence)
            throws InterruptedException {
        append(sequence);
        store.wake();
        assertThat(processor.hasNextAvailable(10, TimeUnit.SECONDS)).as("event %d arrives", sequence).isTrue();
        TrackedEventMessage<?> next = processor.nextAvailable();
        assertThat(((DomainEventMessage<?>) next).getSequenceNumber()).isEqualTo(sequence);
        return next;
    }

    /**
     * Reads the shared stream up to the test's event {@code sequence}. A processor that has caught up looks for its
     * last event in the shared stream; the store's producer reads on a thread of its own after the wake, so on a busy
     * machine the processor could look before the producer had put the event there and stay on its own stream (which
     * reads on until a read finds nothing), though the tokens were equal.
     */
    private void sharedStreamHas(BlockingStream<TrackedEventMessage<?>> watcher, long sequence)
            throws InterruptedException {
        while (true) {
            assertThat(watcher.hasNextAvailable(10, TimeUnit.SECONDS)).as("the shared stream reads event %d", sequence)
                    .isTrue();
            if (watcher.nextAvailable() instanceof DomainEventMessage<?> event
                    && event.getAggregateIdentifier().equals(aggregate) && event.getSequenceNumber() == sequence) {
                return;
            }
        }
    }

    /** Reads on until nothing more comes: where the store lets a stream switch over to the shared one. */
    private static void caughtUp(BlockingStream<TrackedEventMessage<?>> processor) throws InterruptedException {
        assertThat(processor.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    private void append(long sequence) {
        tx.executeWithoutResult(status -> engine.appendEvents(
                new GenericDomainEventMessage<>("Invoice", aggregate, sequence, "event " + sequence)));
    }

    private List<? extends TrackedEventMessage<?>> readFrom(TrackingToken token) {
        return engine.readEvents(token, false)
                .filter(m -> m instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(aggregate))
                .toList();
    }

    /** Counts the database reads that are not the shared stream's (the producer is the only reader that may block). */
    private static final class CountingEngine extends GapBoundedJpaEventStorageEngine {

        final AtomicInteger privateReads = new AtomicInteger();
        private final ThreadLocal<Boolean> producing = ThreadLocal.withInitial(() -> false);

        CountingEngine(JpaEventStorageEngine.Builder builder, DataSource dataSource, RecentStreams recent,
                       Duration gapTimeout, java.time.InstantSource clock) {
            super(builder, dataSource, recent, gapTimeout, clock);
        }

        @Override
        protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
            producing.set(mayBlock);
            try {
                // the producer's read is one batch, fetched here; a private stream fetches as it is iterated
                return super.readEventData(token, mayBlock);
            } finally {
                producing.set(false);
            }
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            if (!producing.get()) {
                privateReads.incrementAndGet();
            }
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }
}
