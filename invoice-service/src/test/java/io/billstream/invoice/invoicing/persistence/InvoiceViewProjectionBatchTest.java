package io.billstream.invoice.invoicing.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two events of one invoice in one batch are one write of the list row, and that row holds both; a later event
 * rewrites the row in place.
 */
@ServiceIntegrationTest
class InvoiceViewProjectionBatchTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InvoiceEventLog log;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    PlatformTransactionManager transactions;

    /** The real database, with the projection's writes counted. */
    final AtomicInteger writes = new AtomicInteger();
    InvoiceViewProjection projection;

    @BeforeEach
    void countingProjection() {
        projection = new InvoiceViewProjection(new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                writes.incrementAndGet();
                return super.update(sql, args);
            }
        }, log, mapper);
    }

    @Test
    void twoEventsOfAnInvoiceInOneBatchWriteItsRowOnce() {
        List<DomainEventMessage<?>> events = createdWithALine();

        process(events);

        assertThat(writes).hasValue(1);
        assertThat(listedVersion(events)).isEqualTo(2L);
    }

    @Test
    void theSameEventsInBatchesOfTheirOwnWriteItTwice() {
        List<DomainEventMessage<?>> events = createdWithALine();

        process(events.subList(0, 1));
        process(events.subList(1, 2));

        assertThat(writes).hasValue(2);
        assertThat(listedVersion(events)).isEqualTo(2L);
    }

    /**
     * PostgreSQL's own count of the transaction's updates of the list table: an update that adds no index entry (a
     * heap-only tuple) needs room on the row's page and no indexed value changed. The index of recurring invoices
     * once read the whole document, which every event changes, so no rewrite was ever in place.
     */
    @Test
    void aLaterEventRewritesTheRowInPlace() {
        List<DomainEventMessage<?>> events = createdWithALine();

        Map<String, Object> counts = new TransactionTemplate(transactions).execute(status -> {
            process(events.subList(0, 1));
            process(events.subList(1, 2));
            return jdbc.queryForMap("""
                    select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'invoice_view'""");
        });

        assertThat(counts).containsEntry("n_tup_upd", 1L).containsEntry("n_tup_hot_upd", 1L);
    }

    /** The version the list row of these events' invoice holds. */
    private Long listedVersion(List<DomainEventMessage<?>> events) {
        return jdbc.queryForObject("select version from invoice_view where id = ?", Long.class,
                events.getFirst().getAggregateIdentifier());
    }

    /** One batch, as a pooled processor hands it to the projection: each message in turn, in one unit of work. */
    private void process(List<DomainEventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.copyOf(messages));
        batch.executeWithResult(() -> {
            DomainEventMessage<?> message = (DomainEventMessage<?>) batch.getMessage();
            projection.on((InvoiceEvent) message.getPayload(), message);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        assertThat(batch.getExecutionResults().values()).noneMatch(result -> result.isExceptionResult());
    }

    private static List<DomainEventMessage<?>> createdWithALine() {
        String id = "inv_batch" + UUID.randomUUID().toString().replace("-", "");
        return List.of(
                new GenericDomainEventMessage<>("Invoice", id, 0, new InvoiceCreated(id, "ten_batch",
                        new DraftTerms("cus_1", "USD", null, null, 14, null, BigDecimal.ZERO, null, Map.of()), null,
                        List.of())),
                new GenericDomainEventMessage<>("Invoice", id, 1, new LineItemAdded(id, new LineItem("li_1", "Work",
                        "service", BigDecimal.ONE, null, new BigDecimal("10.00"), null, null, null))));
    }
}
