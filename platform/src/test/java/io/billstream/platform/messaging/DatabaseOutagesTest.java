package io.billstream.platform.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutagesTest {

    @Test
    void retriesWithoutEndOnlyWhileTheDatabaseIsUnreachable() {
        assertThat(DatabaseOutages.isOutage(new ListenerExecutionFailedException("listener",
                new CannotCreateTransactionException("no connection")))).isTrue();
        assertThat(DatabaseOutages.isOutage(
                new CannotGetJdbcConnectionException("down"))).isTrue();
        assertThat(DatabaseOutages.isOutage(new ListenerExecutionFailedException("listener",
                new DataIntegrityViolationException("a bug, not an outage")))).isFalse();
        assertThat(DatabaseOutages.isOutage(new IllegalStateException("x"))).isFalse();
    }
}
