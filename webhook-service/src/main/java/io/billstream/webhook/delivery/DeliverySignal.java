package io.billstream.webhook.delivery;

import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.transaction.AfterCommit;
import io.billstream.webhook.domain.DeliveryTrigger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the delivery workers of this instance when new messages are committed, or when a saturated endpoint frees a
 * slot, so neither a first attempt nor an endpoint's backlog waits for the next poll. Other instances learn of new
 * messages from a PostgreSQL notification ({@link #CHANNEL}), and poll only as a safety net.
 */
@Component
public class DeliverySignal implements DeliveryTrigger {

    /**
     * The notification channel committed messages are announced on, to the other instances' workers: by the insert
     * itself for new messages, by {@link #afterCommit()} for anything else that makes messages due (an endpoint
     * enabled again, messages recovered or retried).
     */
    public static final String CHANNEL = DeliveryTrigger.CHANNEL;

    private static final String NOTIFIED = DeliverySignal.class.getName() + ".notified";

    private final Semaphore permits = new Semaphore(0);
    private final JdbcTemplate jdbc;
    private final String notifyAs;

    /** Wakes this instance only (tests that build a worker by hand). */
    public DeliverySignal() {
        this((JdbcTemplate) null, null);
    }

    @Autowired
    DeliverySignal(ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<DatabaseNotifications> notifications) {
        this(jdbc.getIfAvailable(), notifications.getIfAvailable());
    }

    /** With notifications: other instances' commits wake this one, and this one's commits wake them. */
    public DeliverySignal(JdbcTemplate jdbc, DatabaseNotifications notifications) {
        this.jdbc = notifications == null ? null : jdbc;
        this.notifyAs = notifications == null ? null : notifications.self();
        if (notifications != null) {
            notifications.listen(CHANNEL, permits::release);
        }
    }

    /**
     * Signals after the current transaction commits (at once when there is none); the other instances learn of it
     * from a notification sent with the commit, once per transaction.
     */
    @Override
    public void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive() && jdbc != null
                && !TransactionSynchronizationManager.hasResource(NOTIFIED)) {
            TransactionSynchronizationManager.bindResource(NOTIFIED, Boolean.TRUE);
            DatabaseNotifications.announce(jdbc, CHANNEL, notifyAs);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(NOTIFIED);
                }
            });
        }
        AfterCommit.run(permits::release);
    }

    @Override
    public void messagesInserted() {
        AfterCommit.run(permits::release);
    }

    /** An endpoint that the last claim skipped as saturated has a free slot again. */
    void slotFreed() {
        permits.release();
    }

    /** Outcomes that schedule another attempt were written: the claimer reads the next due time again. */
    void rescheduled() {
        permits.release();
    }

    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
