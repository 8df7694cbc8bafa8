package io.billstream.invoice.invoicing.persistence;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.awaitility.Awaitility;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Numbers predicted at the point of issue and claimed at commit (JdbcInvoiceNumberAllocator): the counter moves
 * only from n−1 to n, whatever order the transactions run in, and a number nobody commits is handed out again.
 */
@ServiceIntegrationTest
class JdbcInvoiceNumberAllocatorTest {

    private static final int YEAR = 2026;

    @Autowired
    JdbcInvoiceNumberAllocator allocator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final String tenant = "ten_" + UUID.randomUUID();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aNumberRolledBackIsHandedOutAgain() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Long given = tx.execute(status -> {
            long number = next();
            status.setRollbackOnly();
            return number;
        });
        long kept = nextCommitted();

        assertThat(given).isEqualTo(1);
        assertThat(kept).isEqualTo(1);
        assertThat(counter()).isEqualTo(1);
    }

    @Test
    void aLaterNumberCommitsOnlyAfterTheOneBeforeIt() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        AtomicLong firstCommittedAt = new AtomicLong();
        CompletableFuture<Long> first = inTransaction(() -> {
            long number = next();
            firstTaken.countDown();
            await(firstMayCommit);
            firstCommittedAt.set(System.nanoTime());
            return number;
        });
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = inTransaction(() -> next());

        // the second one is done with its work and waits at its commit for the first
        awaitWaitingAtCommit();
        assertThat(second).isNotDone();
        assertThat(counter()).isZero();
        firstMayCommit.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(counter()).isEqualTo(2);
    }

    @Test
    void theNumberAfterOneRolledBackIsNotCommittedAndBothAreHandedOutAgain() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CompletableFuture<Long> first = inTransaction(() -> {
            long number = next();
            firstTaken.countDown();
            await(firstMayEnd);
            throw new IllegalStateException("the issue failed after taking its number");
        });
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = inTransaction(() -> next());
        awaitWaitingAtCommit();
        firstMayEnd.countDown();

        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().satisfies(JdbcInvoiceNumberAllocatorTest::isRunAgain);
        assertThat(first).isCompletedExceptionally();
        assertThat(counter()).isZero();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThat(nextCommitted()).isEqualTo(1);
        assertThat(nextCommitted()).isEqualTo(2);
        assertThat(counter()).isEqualTo(2);
    }

    @Test
    void aNumberAnotherInstanceCommittedFirstIsNotUsedTwice() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.execute(status -> {
            long predicted = next();
            // another instance issues the same number and commits first (this runs on a connection of its own)
            CompletableFuture.runAsync(() -> jdbc.update(
                    "insert into invoice_number_counter (tenant_id, series, year, last_value) values (?, ?, ?, ?)",
                    tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR, predicted), threads).join();
            return predicted;
        })).satisfies(JdbcInvoiceNumberAllocatorTest::isRunAgain);

        assertThat(counter()).isEqualTo(1);
        // Two instances issue for this tenant: for a while the next numbers are taken with the row locked at once
        // (the counter moves before the commit), queueing the instances instead of repeating their commands.
        long counterBeforeCommit = tx.execute(status -> {
            assertThat(next()).isEqualTo(2);
            return counter();
        });
        assertThat(counterBeforeCommit).isEqualTo(2);
        assertThat(counter()).isEqualTo(2);
    }

    @Test
    void nothingIsKeptForATenantWhoseIssuesAreOver() {
        nextCommitted();
        nextCommitted();

        assertThat(counter()).isEqualTo(2);
        assertThat(allocator.remembers(tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR)).isFalse();
    }

    @Test
    void aDeadlinesIssueTakesItsNumberLocked() {
        // a recurring run: its unit of work starts from a db-scheduler deadline, which is not run again at once
        long counterBeforeCommit = new TransactionTemplate(transactions).execute(status -> {
            DefaultUnitOfWork<?> run = DefaultUnitOfWork.startAndGet(
                    GenericDeadlineMessage.asDeadlineMessage("recurring-invoice-run", "due", Instant.now()));
            try {
                assertThat(next()).isEqualTo(1);
                return counter();
            } finally {
                run.commit();
            }
        });
        assertThat(counterBeforeCommit).isEqualTo(1);
        assertThat(counter()).isEqualTo(1);
    }

    @Test
    void withoutAnotherInstanceTheCounterMovesOnlyAtCommit() {
        long counterBeforeCommit = new TransactionTemplate(transactions).execute(status -> {
            assertThat(next()).isEqualTo(1);
            return counter();
        });
        assertThat(counterBeforeCommit).isZero();
        assertThat(counter()).isEqualTo(1);
    }

    @Test
    void theSeriesAreCountedApart() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            assertThat(next()).isEqualTo(1);
            assertThat(allocator.next(tenant, JdbcInvoiceNumberAllocator.CREDIT_NOTES, YEAR)).isEqualTo(1);
            assertThat(allocator.next(tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR + 1)).isEqualTo(1);
        });
        assertThat(counter()).isEqualTo(1);
    }

    /**
     * Run again by both retries: the platform's idempotent-request filter (a keyed request, whose transaction the claim
     * fails) and config.ConcurrentAppendRetry (any other command) both take Axon's concurrency failure as a lost race.
     */
    private static void isRunAgain(Throwable failure) {
        assertThat(failure).isInstanceOf(ConcurrencyException.class);
    }

    private void awaitWaitingAtCommit() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> allocator.waitingAtCommit(tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR) == 1);
    }

    private long nextCommitted() {
        Long number = new TransactionTemplate(transactions).execute(status -> next());
        return number;
    }

    private long next() {
        return allocator.next(tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR);
    }

    private long counter() {
        return jdbc.queryForList("select last_value from invoice_number_counter where tenant_id = ? and series = ? "
                        + "and year = ?", Long.class, tenant, JdbcInvoiceNumberAllocator.INVOICES, YEAR)
                .stream().findFirst().orElse(0L);
    }

    private CompletableFuture<Long> inTransaction(java.util.function.Supplier<Long> work) {
        return CompletableFuture.supplyAsync(() -> new TransactionTemplate(transactions).execute(status -> work.get()),
                threads);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
