package io.billstream.invoice.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The event store as the pooled processors' source, with the availability callback the embedded store lacks. Without
 * one, an idle pooled processor (Axon's Coordinator) looks for new events only every 500 ms, so each event waited up
 * to half a second before it reached Kafka. A watcher thread tails the store on a stream of its own, served from the
 * store's shared cache, which the store fills right after each local commit and by polling for events that other
 * instances commit. When events arrive the watcher wakes every open processor stream.
 */
public class SignallingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SignallingEventSource.class);
    // a watcher this far behind starts again at the head rather than read the backlog
    private static final int MAX_DRAIN = 10_000;

    // how long the watcher waits for the rest of a read the store is still handing out; far above the microseconds
    // it takes, unless the producer's thread is descheduled in the middle
    private static final Duration HAND_OUT_WAIT = Duration.ofMillis(5);

    private final EventStore store;
    private final Consumer<Duration> awaitHandedOut;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread watcher;

    public SignallingEventSource(EventStore store) {
        this(store, max -> { });
    }

    /**
     * @param awaitHandedOut waits, at most the given time, until the store has put the whole of its current read
     *                       into its shared stream (GapBoundedJpaEventStorageEngine#awaitHandedOut): the processors
     *                       are woken once for all the events of an append, not at its first
     */
    public SignallingEventSource(EventStore store, Consumer<Duration> awaitHandedOut) {
        this.store = store;
        this.awaitHandedOut = awaitHandedOut;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new SignallingStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // opened here, not on the thread: events committed once start() has returned are certain to be seen
        BlockingStream<TrackedEventMessage<?>> first = store.openStream(store.createHeadToken());
        watcher = Thread.ofPlatform().name("event-store-watcher").daemon().start(() -> watch(first));
    }

    private void watch(BlockingStream<TrackedEventMessage<?>> first) {
        BlockingStream<TrackedEventMessage<?>> stream = first;
        try {
            while (running) {
                try {
                    if (stream == null) {
                        stream = store.openStream(store.createHeadToken());
                    }
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        int drained = drain(stream, 0);
                        awaitHandedOut.accept(HAND_OUT_WAIT);
                        drained = drain(stream, drained);
                        if (drained == MAX_DRAIN) {
                            stream.close();
                            stream = null;
                        }
                        callbacks.forEach(Runnable::run);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the processors still find new events by themselves, only later: keep trying
                    log.warn("watching the event store failed, retrying: {}", e.toString());
                    if (stream != null) {
                        stream.close();
                        stream = null;
                    }
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    private static int drain(BlockingStream<TrackedEventMessage<?>> stream, int drained) throws InterruptedException {
        while (drained < MAX_DRAIN && stream.hasNextAvailable()) {
            stream.nextAvailable();
            drained++;
        }
        return drained;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
            try {
                watcher.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A processor's stream: everything from the store's stream, plus the wake-up. */
    private final class SignallingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        SignallingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            callback = onAvailable;
            callbacks.add(onAvailable);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
