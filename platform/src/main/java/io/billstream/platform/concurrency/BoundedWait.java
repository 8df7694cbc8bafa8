package io.billstream.platform.concurrency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read-your-writes across services: a service that learns of an invoice only from its events re-reads its own copy
 * until it has caught up with what the caller has already seen (payment-service's ledger, document-service's email
 * sends). The wait is bounded, and the caller runs it outside any transaction, so it holds no database connection
 * meanwhile. It polls the database rather than waiting on a signal in this process because another instance may be
 * the one consuming that invoice's partition.
 */
public final class BoundedWait {

    private BoundedWait() {
    }

    /**
     * Reads until {@code done} holds for what was read or {@code wait} has passed, every {@code poll}.
     *
     * @return the last value read, whether or not it is done (an interrupt ends the wait early, the flag set again)
     */
    public static <T> T until(Supplier<T> read, Predicate<T> done, Duration wait, Duration poll, Clock clock) {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            T value = read.get();
            if (done.test(value) || !clock.instant().isBefore(deadline)) {
                return value;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
        }
    }
}
