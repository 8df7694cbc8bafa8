package io.billstream.invoice.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.util.function.Supplier;

/**
 * The event store's transaction manager: writes (appends) run in a transaction as before, reads do not open one of
 * their own. Axon's JPA store wraps every read in {@code fetchInTransaction}; inside a command's unit of work that
 * joins the command's transaction, but the processors' and the embedded store's reads ran as BEGIN, select, COMMIT
 * (and Spring's JPA transaction set-up around them) for a single select, which PostgreSQL runs just as well on its
 * own in auto-commit. Where a transaction is active, the read still runs inside it (docs/benchmarks.md, row 25).
 */
final class ReadsWithoutTransaction implements TransactionManager {

    private final TransactionManager delegate;

    ReadsWithoutTransaction(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
