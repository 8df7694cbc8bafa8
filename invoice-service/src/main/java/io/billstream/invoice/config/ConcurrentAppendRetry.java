package io.billstream.invoice.config;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost an append race, and nothing else. Each instance's lock orders its own commands on an
 * invoice, but two instances can load the same version and both try to append the next event; the store's unique
 * key lets one win and the other fails with a {@link ConcurrencyException}. Run again, the loser loads the newer
 * version and decides on it (a refusal included). Axon's own schedulers also retry any other failure, such as a
 * refused command, which must be answered at once. An invoice number claimed at commit that could not be had
 * (invoicing.persistence.JdbcInvoiceNumberAllocator) fails the same way and is run again with the next number.
 */
final class ConcurrentAppendRetry implements RetryScheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentAppendRetry.class);
    static final int MAX_RETRIES = 5;
    private static final long INTERVAL_MS = 10;

    private final ScheduledExecutorService executor;

    ConcurrentAppendRetry(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * With a thread of its own that is not a bean: a {@code ScheduledExecutorService} bean would also replace Spring
     * Boot's task scheduler, and the {@code @Scheduled} work would then share this thread.
     */
    static ConcurrentAppendRetry onOwnThread() {
        return new ConcurrentAppendRetry(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("command-retry").daemon().factory()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!lostAppendRace(lastFailure) || failures.size() > MAX_RETRIES) {
            return false;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // The command ran inside a request's transaction (an Idempotency-Key's, see the platform's
            // IdempotentRequestFilter), which the failed append has doomed. A retry on this executor's thread would
            // commit on its own, apart from the key's record; that filter runs the whole request again instead.
            return false;
        }
        log.info("{} lost a race to another transaction ({}); running it again (retry {} of {})",
                commandMessage.getPayloadType().getSimpleName(), lastFailure.getMessage(), failures.size(), MAX_RETRIES);
        try {
            // a little later each time, so two losers of the same race do not collide again
            executor.schedule(dispatchTask, INTERVAL_MS * failures.size(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    static boolean lostAppendRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
