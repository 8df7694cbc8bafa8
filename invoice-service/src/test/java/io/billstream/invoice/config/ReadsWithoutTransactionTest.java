package io.billstream.invoice.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadsWithoutTransactionTest {

    private final List<String> log = new ArrayList<>();
    private final TransactionManager recording = () -> {
        log.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                log.add("commit");
            }

            @Override
            public void rollback() {
                log.add("rollback");
            }
        };
    };
    private final ReadsWithoutTransaction store = new ReadsWithoutTransaction(recording);

    @Test
    void aReadOpensNoTransaction() {
        assertThat(store.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(log).isEmpty();
    }

    @Test
    void anAppendStillRunsInATransaction() {
        store.executeInTransaction(() -> log.add("append"));
        assertThat(log).containsExactly("begin", "append", "commit");
    }
}
