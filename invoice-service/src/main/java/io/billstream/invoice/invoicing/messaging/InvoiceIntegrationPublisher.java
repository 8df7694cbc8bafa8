package io.billstream.invoice.invoicing.messaging;

import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.CreditNoteRefundFailed;
import io.billstream.invoice.invoicing.api.DraftInvoiceDeleted;
import io.billstream.invoice.invoicing.api.InvoiceBecameOverdue;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceDraftUpdated;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.api.InvoiceIssued;
import io.billstream.invoice.invoicing.api.InvoiceMarkedUncollectible;
import io.billstream.invoice.invoicing.api.InvoicePaid;
import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.invoicing.api.LateFeeAssessed;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.invoice.invoicing.api.LineItemRemoved;
import io.billstream.invoice.invoicing.api.LineItemUpdated;
import io.billstream.invoice.invoicing.api.PaymentApplied;
import io.billstream.invoice.invoicing.api.RefundApplied;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import io.billstream.invoice.invoicing.persistence.InvoiceEventLog;
import io.billstream.invoice.invoicing.persistence.InvoiceStreamFolder;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.money.Money;
import io.billstream.platform.observability.TraceContexts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event store is the outbox: this processor turns each invoice event into its integration event (API contract §9); each
 * batch waits for Kafka's acks before its token is stored. Errors propagate (see InvoiceAxonConfiguration), so the
 * token does not advance past an unsent event: at least once, with a stable event id per domain event so receivers
 * can drop repeats.
 */
@Component
@ProcessingGroup(InvoiceIntegrationPublisher.NAME)
@DisallowReplay
public class InvoiceIntegrationPublisher {

    public static final String NAME = "invoice-integration";
    static final String SOURCE = "billstream/invoice-service";

    private static final String PENDING_SENDS = InvoiceIntegrationPublisher.class.getName() + ".pendingSends";

    private final InvoiceStreamFolder folder;
    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;
    private final TraceContexts traces;

    InvoiceIntegrationPublisher(InvoiceEventLog log, IntegrationEventPublisher publisher, IntegrationEventCodec codec,
                                TraceContexts traces) {
        this.folder = new InvoiceStreamFolder(log);
        this.publisher = publisher;
        this.codec = codec;
        this.traces = traces;
    }

    @EventHandler
    void on(InvoiceEvent event, DomainEventMessage<?> message) {
        String type = typeOf(event);
        if (type == null) {
            return;
        }
        InvoiceState state = folder.after(message);
        var data = state.toData(change(event, state));
        IntegrationEvent integration = IntegrationEvent.of(eventId(message), SOURCE, type, state.id(),
                message.getTimestamp(), state.tenantId(), state.version(), codec.dataOf(data));
        // the record continues the trace of the request whose command produced the event (TraceMetaData)
        Object traceParent = message.getMetaData().get(TraceContexts.TRACEPARENT);
        String trace = traceParent == null ? null : traceParent.toString();
        send(state.id(), integration, trace);
        if (event instanceof CreditNoteIssued issued) {
            // after invoice.updated on the same partition, so a consumer knows the invoice's new amounts first
            var note = state.creditNotes().get(issued.creditNoteId()).toData(state);
            send(state.id(), IntegrationEvent.of(creditNoteEventId(message), SOURCE, EventTypes.CREDIT_NOTE_ISSUED,
                    issued.creditNoteId(), message.getTimestamp(), state.tenantId(), state.version(),
                    codec.dataOf(note)), trace);
        }
    }

    private void send(String key, IntegrationEvent integration, String traceParent) {
        IntegrationEventPublisher.Sent sent = traces.continueTrace("billstream.invoice.publish", traceParent,
                () -> publisher.send(key, integration));
        if (CurrentUnitOfWork.isStarted()) {
            pendingSends(CurrentUnitOfWork.get().root()).add(sent);
        } else {
            publisher.await(List.of(sent));
        }
    }

    /** A second, equally stable id for the credit_note.issued that the same domain event publishes. */
    static String creditNoteEventId(DomainEventMessage<?> message) {
        return "evt_" + UUID.nameUUIDFromBytes((message.getIdentifier() + "/credit_note.issued")
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    /**
     * The sends of the processor's current batch, awaited together before it commits (and stores its token): one
     * round trip per batch instead of one per event. A missing ack fails the commit, and the batch is processed
     * again from the last token, so every event still reaches Kafka at least once.
     */
    private List<IntegrationEventPublisher.Sent> pendingSends(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<IntegrationEventPublisher.Sent> sends = new ArrayList<>();
            batch.onPrepareCommit(committing -> publisher.await(sends));
            return sends;
        });
    }

    static String eventId(DomainEventMessage<?> message) {
        return "evt_" + message.getIdentifier().replace("-", "");
    }

    static String typeOf(InvoiceEvent event) {
        return switch (event) {
            case InvoiceCreated e -> EventTypes.INVOICE_CREATED;
            case InvoiceDraftUpdated e -> EventTypes.INVOICE_UPDATED;
            case LineItemAdded e -> EventTypes.INVOICE_UPDATED;
            case LineItemUpdated e -> EventTypes.INVOICE_UPDATED;
            case LineItemRemoved e -> EventTypes.INVOICE_UPDATED;
            case RefundApplied e -> EventTypes.INVOICE_UPDATED;
            case InvoiceIssued e -> EventTypes.INVOICE_ISSUED;
            case PaymentApplied e -> EventTypes.INVOICE_PAYMENT_APPLIED;
            case InvoicePaid e -> EventTypes.INVOICE_PAID;
            case InvoiceBecameOverdue e -> EventTypes.INVOICE_OVERDUE;
            case LateFeeAssessed e -> EventTypes.INVOICE_LATE_FEE_ASSESSED;
            case InvoiceVoided e -> EventTypes.INVOICE_VOIDED;
            case InvoiceMarkedUncollectible e -> EventTypes.INVOICE_MARKED_UNCOLLECTIBLE;
            case CreditNoteIssued e -> EventTypes.INVOICE_UPDATED;
            case CreditNoteRefundFailed e -> EventTypes.INVOICE_UPDATED;
            case DraftInvoiceDeleted e -> null;
        };
    }

    private static Map<String, Object> change(InvoiceEvent event, InvoiceState state) {
        Map<String, Object> change = new LinkedHashMap<>();
        switch (event) {
            case PaymentApplied e -> {
                change.put("paymentId", e.paymentId());
                change.put("amount", new Money(e.amount(), state.currency()).toPlainString());
            }
            case RefundApplied e -> {
                change.put("refundId", e.refundId());
                change.put("paymentId", e.paymentId());
                change.put("amount", new Money(e.amount(), state.currency()).toPlainString());
                if (e.creditNoteId() != null) {
                    change.put("creditNoteId", e.creditNoteId());
                }
            }
            case LateFeeAssessed e -> {
                change.put("amount", new Money(e.amount(), state.currency()).toPlainString());
                change.put("month", e.month());
            }
            case InvoiceVoided e -> change.put("reason", e.reason());
            case CreditNoteIssued e -> {
                change.put("creditNoteId", e.creditNoteId());
                change.put("creditNoteNumber", e.number());
                change.put("amount", new Money(e.total(), state.currency()).toPlainString());
            }
            case CreditNoteRefundFailed e -> {
                change.put("creditNoteId", e.creditNoteId());
                change.put("refundStatus", "failed");
                change.put("unrefundedAmount", new Money(e.unrefundedAmount(), state.currency()).toPlainString());
            }
            default -> {
            }
        }
        return change;
    }
}
