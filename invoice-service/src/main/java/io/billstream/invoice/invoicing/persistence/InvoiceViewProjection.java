package io.billstream.invoice.invoicing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.api.CreditNoteView;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.domain.CreditNote;
import io.billstream.invoice.invoicing.api.InvoiceView;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Map;

/**
 * The invoice list read model. Each event re-derives the invoice by the aggregate's own fold (so the row always
 * equals what the aggregate would say) and upserts it; the version guard keeps a replayed older event from going backwards.
 * Rebuild: reset the {@value #NAME} processor's tokens (see docs/invoice-service.md); {@link #reset} empties the table.
 */
@Component
@ProcessingGroup(InvoiceViewProjection.NAME)
class InvoiceViewProjection {

    static final String NAME = "invoice-view";

    private final JdbcTemplate jdbc;
    private final InvoiceStreamFolder folder;
    private final ObjectMapper mapper;

    InvoiceViewProjection(JdbcTemplate jdbc, InvoiceEventLog log, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.folder = new InvoiceStreamFolder(log);
        this.mapper = mapper;
    }

    @EventHandler
    void on(InvoiceEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        // folded even when the write is skipped: the batch's later event of this invoice folds on from it
        InvoiceState state = folder.after(message);
        if (supersededInBatch(message)) {
            return;
        }
        if (state.deleted()) {
            jdbc.update("delete from invoice_view where id = ?", state.id());
            return;
        }
        InvoiceView view = InvoiceView.from(state.toData(Map.of()));
        jdbc.update("""
                insert into invoice_view (id, tenant_id, customer_id, number, status, issue_date, due_date, version,
                                          created_at, updated_at, document)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (id) do update set customer_id = excluded.customer_id, number = excluded.number,
                    status = excluded.status, issue_date = excluded.issue_date, due_date = excluded.due_date,
                    version = excluded.version, updated_at = excluded.updated_at, document = excluded.document
                where invoice_view.version < excluded.version""",
                view.id(), state.tenantId(), view.customerId(), view.number(), view.status(),
                view.issueDate() == null ? null : Date.valueOf(view.issueDate()),
                view.dueDate() == null ? null : Date.valueOf(view.dueDate()), view.version(),
                Timestamp.from(view.createdAt()), Timestamp.from(view.updatedAt()), mapper.writeValueAsString(view));
        if (!state.creditNotes().isEmpty()) {
            creditNotes(state);
        }
    }

    /**
     * A later event of the same invoice is in the batch being processed: its row (the whole invoice, folded) will
     * carry this event too, so writing this one as well would only be overwritten in the same transaction. A command
     * usually appends two events at once (created and issued; payment applied and paid), so this halves the
     * projection's writes (docs/benchmarks.md, row 26). Should the later event fail, it is parked with the events of
     * its invoice after it, and the row catches up when the dead letter is processed.
     */
    private static boolean supersededInBatch(DomainEventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return false;
        }
        for (Message<?> other : batch.getMessages()) {
            if (other instanceof DomainEventMessage<?> later
                    && later.getSequenceNumber() > message.getSequenceNumber()
                    && later.getAggregateIdentifier().equals(message.getAggregateIdentifier())) {
                return true;
            }
        }
        return false;
    }

    /** Every credit note of the invoice as the invoice now stands (refund news changes them after issue). */
    private void creditNotes(InvoiceState state) throws JsonProcessingException {
        for (CreditNote note : state.creditNotes().values()) {
            CreditNoteView view = CreditNoteView.from(note.toData(state));
            jdbc.update("""
                    insert into credit_note_view (id, tenant_id, invoice_id, customer_id, number, invoice_version,
                                                  created_at, document)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    on conflict (id) do update set invoice_version = excluded.invoice_version,
                        document = excluded.document
                    where credit_note_view.invoice_version < excluded.invoice_version""",
                    view.id(), state.tenantId(), state.id(), state.customerId(), view.number(), state.version(),
                    Timestamp.from(view.createdAt()), mapper.writeValueAsString(view));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from invoice_view");
        jdbc.update("delete from credit_note_view");
    }
}
