package io.billstream.platform.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes keys older than the retention (docs/api-reference.md §2: at least 24 h). Every instance runs it; the statement is idempotent.
 * A thread of its own rather than {@code @Scheduled}, so it needs nothing from the application's scheduling setup.
 */
public class IdempotencyHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyHousekeeping.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public IdempotencyHousekeeping(IdempotencyStore store, Clock clock, Duration interval) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    /** @return rows deleted */
    public int purge() {
        return store.purgeOlderThan(clock.instant().minus(store.retention()));
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("idempotency-housekeeping").daemon().factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                int purged = purge();
                if (purged > 0) {
                    log.info("purged {} idempotency keys older than {}", purged, store.retention());
                }
            } catch (RuntimeException e) {
                log.warn("idempotency housekeeping failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
