package io.billstream.platform.messaging;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.sql.SQLTransientException;

/**
 * Tells a database outage from a bad record. A consumer that cannot reach its database must hold the record and
 * retry until the database is back: parking it on the dead-letter topic would silently lose the event.
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    public static boolean isOutage(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    /** Retries without end, backing off to 1 s — far below max.poll.interval.ms, so partitions stay assigned. */
    public static BackOff untilBack() {
        // Capped at 1 s: a held record is retried at most a second after the database is back, so an invoice issued
        // during the outage is known again within payment-service's 2 s read-your-writes wait. A retry costs one
        // failed connection attempt (bounded by Hikari's connection timeout).
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(1_000);
        return backOff;
    }
}
