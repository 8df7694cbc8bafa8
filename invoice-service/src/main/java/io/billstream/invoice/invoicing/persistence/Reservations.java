package io.billstream.invoice.invoicing.persistence;

import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The numbers of one tenant, series and year that this instance has handed to transactions still running.
 * Predictions only: the counter row decides (see {@link JdbcInvoiceNumberAllocator}).
 */
final class Reservations {

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next;
    private long changes;
    private long contendedUntil = System.nanoTime();
    private boolean retired;
    private int waiting;

    /**
     * With nothing in flight the counter is read again, so predictions follow other instances' numbers. 0 when this
     * object was retired (see {@link #retireIfIdle}): the caller takes the key's current one instead.
     */
    synchronized long reserve(LongSupplier lastCommitted) {
        if (retired) {
            return 0;
        }
        if (inFlight.isEmpty()) {
            next = lastCommitted.getAsLong() + 1;
        }
        long number = next;
        while (inFlight.contains(number)) {
            number++;
        }
        inFlight.add(number);
        next = number + 1;
        return number;
    }

    /** A number given back (rolled back, unused) is handed out again first, so its successors can commit. */
    synchronized void release(long number, boolean consumed) {
        inFlight.remove(number);
        if (!consumed) {
            next = Math.min(next, number);
        }
        changes++;
        notifyAll();
    }

    /**
     * Nothing in flight and no contention to remember: the allocator drops this object, so a service with many tenants
     * keeps one only per key being issued right now. Retired under this monitor, a late {@link #reserve} sees it.
     */
    synchronized boolean retireIfIdle() {
        if (inFlight.isEmpty() && !contended()) {
            retired = true;
        }
        return retired;
    }

    /** Another transaction committed {@code last}: predict past it, and take numbers locked for a while. */
    synchronized void skipPast(long last, Duration contendedFor) {
        next = Math.max(next, last + 1);
        contendedUntil = System.nanoTime() + contendedFor.toNanos();
    }

    synchronized boolean contended() {
        return System.nanoTime() - contendedUntil < 0;
    }

    synchronized void rewindTo(long number) {
        next = Math.min(next, number);
    }

    synchronized int waiting() {
        return waiting;
    }

    synchronized long changes() {
        return changes;
    }

    /**
     * Waits until a reservation below {@code number} ends (or had ended since {@code seen} was read). False when none
     * is running below it — the number before it was given up and will not be committed by this instance — or the
     * deadline passed.
     */
    synchronized boolean awaitPredecessor(long number, long seen, long deadlineNanos) {
        while (changes == seen) {
            if (inFlight.lower(number) == null) {
                return false;
            }
            long waitNanos = deadlineNanos - System.nanoTime();
            if (waitNanos <= 0) {
                return false;
            }
            waiting++;
            try {
                TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiting--;
            }
        }
        return true;
    }
}
