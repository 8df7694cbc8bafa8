package io.billstream.invoice.config;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import io.billstream.invoice.invoicing.domain.InvoiceErrors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed commands are run again: only those that lost an append race, and only a few times. */
class ConcurrentAppendRetryTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentAppendRetry retry = new ConcurrentAppendRetry(executor);
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("add a line");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLostAppendRaceIsRunAgain() throws InterruptedException {
        CountDownLatch ranAgain = new CountDownLatch(1);
        // as the JPA store reports it: the duplicate key underneath
        RuntimeException lost = new ConcurrencyException("sequence 7 already taken");
        lost.initCause(new IllegalStateException("duplicate key value violates unique constraint"));

        assertThat(retry.scheduleRetry(command, lost, failures(1), ranAgain::countDown)).isTrue();
        assertThat(ranAgain.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRaceWrappedInAnotherExceptionCountsToo() {
        RuntimeException wrapped = new RuntimeException("command failed", new ConcurrencyException("lost"));

        assertThat(retry.scheduleRetry(command, wrapped, failures(1), () -> { })).isTrue();
    }

    @Test
    void aRaceInsideARequestsTransactionIsLeftToTheRequest() {
        // an Idempotency-Key's transaction (platform IdempotentRequestFilter) is doomed by the failed append; a
        // retry on the executor's thread would commit apart from the key
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThat(retry.scheduleRetry(command, new ConcurrencyException("lost"), failures(1), () -> { }))
                    .isFalse();
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }

    @Test
    void aRefusedCommandIsAnsweredAtOnce() {
        assertThat(retry.scheduleRetry(command, InvoiceErrors.noLines(), failures(1), () -> { })).isFalse();
        assertThat(retry.scheduleRetry(command, new IllegalStateException("bug"), failures(1), () -> { })).isFalse();
    }

    @Test
    void givesUpAfterTheLastRetry() {
        ConcurrencyException lost = new ConcurrencyException("lost again");

        assertThat(retry.scheduleRetry(command, lost, failures(ConcurrentAppendRetry.MAX_RETRIES), () -> { }))
                .isTrue();
        assertThat(retry.scheduleRetry(command, lost, failures(ConcurrentAppendRetry.MAX_RETRIES + 1), () -> { }))
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[]{ConcurrencyException.class});
        }
        return failures;
    }
}
