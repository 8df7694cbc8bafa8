package io.billstream.invoice.recurring.messaging;

import io.billstream.invoice.recurring.api.RecurringInvoiceCancelled;
import io.billstream.invoice.recurring.api.RecurringInvoiceCompleted;
import io.billstream.invoice.recurring.api.RecurringInvoiceCreated;
import io.billstream.invoice.recurring.api.RecurringInvoiceEvent;
import io.billstream.invoice.recurring.api.RecurringInvoicePaused;
import io.billstream.invoice.recurring.api.RecurringInvoiceRan;
import io.billstream.invoice.recurring.api.RecurringInvoiceResumed;
import io.billstream.invoice.recurring.api.RecurringInvoiceUpdated;
import io.billstream.invoice.recurring.domain.RecurringState;
import io.billstream.invoice.recurring.persistence.RecurringInvoiceLog;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code recurring_invoice.*} on {@code billstream.invoice.v1}, keyed by the schedule id, from the event store (the
 * outbox): errors propagate, so the token never passes an unsent event (at least once, stable event ids).
 * A run is published as {@code recurring_invoice.updated} (runs, lastInvoiceId and nextRunDate changed); the run's
 * invoice publishes its own {@code invoice.*} events.
 */
@Component
@ProcessingGroup(RecurringInvoiceIntegrationPublisher.NAME)
@DisallowReplay
public class RecurringInvoiceIntegrationPublisher {

    public static final String NAME = "recurring-invoice-integration";
    static final String SOURCE = "billstream/invoice-service";

    private final RecurringInvoiceLog log;
    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;

    RecurringInvoiceIntegrationPublisher(RecurringInvoiceLog log, IntegrationEventPublisher publisher,
                                         IntegrationEventCodec codec) {
        this.log = log;
        this.publisher = publisher;
        this.codec = codec;
    }

    @EventHandler
    void on(RecurringInvoiceEvent event, DomainEventMessage<?> message) {
        RecurringState state = log.afterSequence(message.getAggregateIdentifier(), message.getSequenceNumber())
                .orElseThrow();
        IntegrationEvent integration = IntegrationEvent.of("evt_" + message.getIdentifier().replace("-", ""),
                SOURCE, typeOf(event), state.id(), message.getTimestamp(), state.tenantId(), state.version(),
                codec.toTree(state.toResponse()));
        publisher.await(List.of(publisher.send(state.id(), integration)));
    }

    static String typeOf(RecurringInvoiceEvent event) {
        return switch (event) {
            case RecurringInvoiceCreated e -> EventTypes.RECURRING_INVOICE_CREATED;
            case RecurringInvoiceUpdated e -> EventTypes.RECURRING_INVOICE_UPDATED;
            case RecurringInvoiceRan e -> EventTypes.RECURRING_INVOICE_UPDATED;
            case RecurringInvoicePaused e -> EventTypes.RECURRING_INVOICE_PAUSED;
            case RecurringInvoiceResumed e -> EventTypes.RECURRING_INVOICE_RESUMED;
            case RecurringInvoiceCancelled e -> EventTypes.RECURRING_INVOICE_CANCELLED;
            case RecurringInvoiceCompleted e -> EventTypes.RECURRING_INVOICE_COMPLETED;
        };
    }
}
