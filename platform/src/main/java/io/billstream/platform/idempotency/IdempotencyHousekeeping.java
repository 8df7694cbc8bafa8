package io.billstream.platform.idempotency;

import io.billstream.platform.concurrency.PeriodicWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes keys older than the retention (docs/api-reference.md §2: at least 24 h). Every instance runs it; the statement is idempotent.
 */
public class IdempotencyHousekeeping extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyHousekeeping.class);

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyHousekeeping(IdempotencyStore store, Clock clock, Duration interval) {
        super("idempotency-housekeeping", interval);
        this.store = store;
        this.clock = clock;
    }

    /** @return rows deleted */
    public int purge() {
        return store.purgeOlderThan(clock.instant().minus(store.retention()));
    }

    @Override
    protected void runOnce() {
        int purged = purge();
        if (purged > 0) {
            log.info("purged {} idempotency keys older than {}", purged, store.retention());
        }
    }
}
