package io.billstream.invoice.recurring.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.recurring.api.RecurringInvoiceEvent;
import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import io.billstream.invoice.recurring.domain.RecurringState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * The schedule list read model: each event re-folds the schedule up to that event and upserts it; the version guard
 * keeps a replayed older event from going backwards. Rebuild by resetting the {@value #NAME} processor's tokens.
 */
@Component
@ProcessingGroup(RecurringInvoiceViewProjection.NAME)
class RecurringInvoiceViewProjection {

    static final String NAME = "recurring-invoice-view";

    private final JdbcTemplate jdbc;
    private final RecurringInvoiceLog log;
    private final ObjectMapper mapper;

    RecurringInvoiceViewProjection(JdbcTemplate jdbc, RecurringInvoiceLog log, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.log = log;
        this.mapper = mapper;
    }

    @EventHandler
    void on(RecurringInvoiceEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        RecurringState state = log.afterSequence(message.getAggregateIdentifier(), message.getSequenceNumber())
                .orElseThrow();
        RecurringInvoiceView view = state.toResponse();
        jdbc.update("""
                insert into recurring_invoice_view (id, tenant_id, customer_id, status, next_run_date, version,
                                                    created_at, updated_at, document)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (id) do update set status = excluded.status, next_run_date = excluded.next_run_date,
                    version = excluded.version, updated_at = excluded.updated_at, document = excluded.document
                where recurring_invoice_view.version < excluded.version""",
                view.id(), state.tenantId(), view.customerId(), view.status(),
                view.nextRunDate() == null ? null : java.sql.Date.valueOf(view.nextRunDate()), view.version(),
                Timestamp.from(view.createdAt()), Timestamp.from(view.updatedAt()), mapper.writeValueAsString(view));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from recurring_invoice_view");
    }
}
