package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.DeliveryTrigger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the delivery workers of this instance when new messages are committed, or when a saturated endpoint frees a
 * slot, so neither a first attempt nor an endpoint's backlog waits for the next poll. Other instances find new
 * messages by polling.
 */
@Component
public class DeliverySignal implements DeliveryTrigger {

    private final Semaphore permits = new Semaphore(0);

    /** Signals after the current transaction commits (at once when there is none). */
    @Override
    public void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    permits.release();
                }
            });
        } else {
            permits.release();
        }
    }

    /** An endpoint that the last claim skipped as saturated has a free slot again. */
    void slotFreed() {
        permits.release();
    }

    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
