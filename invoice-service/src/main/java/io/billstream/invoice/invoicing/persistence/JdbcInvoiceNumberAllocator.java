package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.domain.CreditNoteNumberAllocator;
import io.billstream.invoice.invoicing.domain.InvoiceNumberAllocator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gapless numbers per tenant, series and year (invoices and credit notes, API contract §13) that do not hold the
 * counter row's lock while the issuing transaction stores its events.
 * <p>
 * Taking the number with {@code update ... returning} at the point of issue held the row lock through everything
 * the transaction did afterwards — serializing and appending the events, scheduling the overdue deadline,
 * committing — and every other issue of the tenant queued on that lock: at 16 clients in one tenant the lock was
 * held ~40 ms a number, and issuing stopped at ~35 invoices/s while 16 tenants did 80 (see docs/benchmarks.md).
 * <p>
 * So the number is <em>predicted</em> at the point of issue ({@link Reservations}: the next one this instance has not
 * handed to a transaction still running) and <em>claimed</em> as the transaction's last statement, just before it
 * commits: {@code last_value} moves from n−1 to n only if it is n−1, so the database alone keeps numbers unique
 * and gapless, whatever instances and predictions there are. A transaction whose predecessor has not committed yet
 * waits for it (in this instance; the database's row lock does it when the predecessor is already committing).
 * A claim that cannot succeed — the predecessor rolled back, or another instance took the number — fails the
 * transaction with a {@link ConcurrencyException}, which runs the command again with a fresh prediction
 * (config.ConcurrentAppendRetry, or the platform's idempotent-request filter for a keyed request).
 * <p>
 * Predictions of two instances issuing for the same tenant at once collide, and every collision runs a command
 * again. So after a number was taken by another transaction the key is <em>contended</em> for a while
 * ({@code billstream.invoice.numbering.contended-for}): this instance then takes its numbers at the point of issue
 * with the row lock held to the commit, as before, which queues the instances' issues instead of repeating them.
 * {@link Propagation#MANDATORY}: outside a transaction nothing would claim the number.
 */
@Component
class JdbcInvoiceNumberAllocator {

    static final String INVOICES = "invoice";
    static final String CREDIT_NOTES = "credit_note";

    private final JdbcTemplate jdbc;
    private final Duration predecessorWait;
    private final Duration contendedFor;
    private final ConcurrentHashMap<Key, Reservations> reservations = new ConcurrentHashMap<>();

    JdbcInvoiceNumberAllocator(JdbcTemplate jdbc,
                               @Value("${billstream.invoice.numbering.predecessor-wait:10s}") Duration predecessorWait,
                               @Value("${billstream.invoice.numbering.contended-for:60s}") Duration contendedFor) {
        this.jdbc = jdbc;
        this.predecessorWait = predecessorWait;
        this.contendedFor = contendedFor;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String tenantId, String series, int year) {
        Key key = new Key(tenantId, series, year);
        while (true) {
            Reservations pending = reservations.computeIfAbsent(key, k -> new Reservations());
            if (pending.contended() || !rerunOnFailure()) {
                return takeLocked(key);
            }
            long number = pending.reserve(() -> lastCommitted(key));
            if (number == 0) {
                reservations.remove(key, pending); // retired a moment ago
                continue;
            }
            TransactionSynchronizationManager.registerSynchronization(new Claim(key, pending, number));
            return number;
        }
    }

    /**
     * A claim that fails must be retried by whoever runs the work. A command sent through the command gateway is run
     * again at once (config.ConcurrentAppendRetry, or the idempotent-request filter around it); a recurring run, whose
     * unit of work starts from a db-scheduler deadline, would be retried by db-scheduler only minutes later, so it
     * takes its number locked.
     */
    private static boolean rerunOnFailure() {
        return !CurrentUnitOfWork.isStarted() || CurrentUnitOfWork.get().root().getMessage() instanceof CommandMessage;
    }

    /** How many transactions of the key wait at their commit for a predecessor (tests poll for it). */
    int waitingAtCommit(String tenantId, String series, int year) {
        Reservations pending = reservations.get(new Key(tenantId, series, year));
        return pending == null ? 0 : pending.waiting();
    }

    /** Whether this instance keeps predictions for the key now (tests: none once its transactions are over). */
    boolean remembers(String tenantId, String series, int year) {
        return reservations.containsKey(new Key(tenantId, series, year));
    }

    /** The counter moved at once; its row stays locked until this transaction ends. */
    private long takeLocked(Key key) {
        return jdbc.queryForObject("""
                insert into invoice_number_counter (tenant_id, series, year, last_value) values (?, ?, ?, 1)
                on conflict (tenant_id, series, year)
                    do update set last_value = invoice_number_counter.last_value + 1
                returning last_value""", Long.class, key.tenantId(), key.series(), key.year());
    }

    private long lastCommitted(Key key) {
        List<Long> last = jdbc.queryForList(
                "select last_value from invoice_number_counter where tenant_id = ? and series = ? and year = ?",
                Long.class, key.tenantId(), key.series(), key.year());
        return last.isEmpty() ? 0 : last.getFirst();
    }

    /** Moves the counter from {@code number - 1} to {@code number}; false if it was anything else. */
    private boolean advance(Key key, long number) {
        if (number == 1) {
            return jdbc.update("""
                    insert into invoice_number_counter (tenant_id, series, year, last_value) values (?, ?, ?, 1)
                    on conflict (tenant_id, series, year) do nothing""", key.tenantId(), key.series(), key.year()) == 1;
        }
        return jdbc.update("""
                update invoice_number_counter set last_value = ?
                where tenant_id = ? and series = ? and year = ? and last_value = ?""",
                number, key.tenantId(), key.series(), key.year(), number - 1) == 1;
    }

    private record Key(String tenantId, String series, int year) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Series {

        @Bean
        InvoiceNumberAllocator invoiceNumberAllocator(JdbcInvoiceNumberAllocator counters) {
            return (tenantId, year) -> counters.next(tenantId, INVOICES, year);
        }

        @Bean
        CreditNoteNumberAllocator creditNoteNumberAllocator(JdbcInvoiceNumberAllocator counters) {
            return (tenantId, year) -> counters.next(tenantId, CREDIT_NOTES, year);
        }
    }

    /** The claim of one predicted number, at the end of the transaction that used it. */
    private final class Claim implements TransactionSynchronization {

        private final Key key;
        private final Reservations pending;
        private final long number;
        private boolean taken;

        Claim(Key key, Reservations pending, long number) {
            this.key = key;
            this.pending = pending;
            this.number = number;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            long deadline = System.nanoTime() + predecessorWait.toNanos();
            while (true) {
                long seen = pending.changes();
                if (advance(key, number)) {
                    return;
                }
                long last = lastCommitted(key);
                if (last == number - 1) {
                    continue; // the predecessor committed in between
                }
                if (last >= number) {
                    taken = true;
                    pending.skipPast(last, contendedFor);
                    throw new ConcurrencyException("Number " + number + " of " + key + " was taken by another "
                            + "transaction; the command runs again with the next one.");
                }
                if (!pending.awaitPredecessor(number, seen, deadline)) {
                    pending.rewindTo(last + 1);
                    throw new ConcurrencyException("Number " + (last + 1) + " of " + key + " was not committed "
                            + "before " + number + "; the command runs again.");
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            pending.release(number, status == STATUS_COMMITTED || taken);
            if (pending.retireIfIdle()) {
                reservations.remove(key, pending);
            }
        }
    }
}
