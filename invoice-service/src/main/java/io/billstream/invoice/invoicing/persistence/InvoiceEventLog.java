package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads one invoice's events straight from the event store: read-your-writes for {@code GET}, {@code asOf} time
 * travel, history, and the state right after a given event for the processors.
 */
@Component
public class InvoiceEventLog {

    private final EventStore eventStore;
    private final RecentStreams recent;

    public InvoiceEventLog(EventStore eventStore, RecentStreams recent) {
        this.eventStore = eventStore;
        this.recent = recent;
    }

    public List<DomainEventMessage<?>> events(String invoiceId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(invoiceId).asStream().forEach(events::add);
        return events;
    }

    public Optional<InvoiceState> current(String invoiceId) {
        return foldWhile(invoiceId, e -> true);
    }

    public Optional<InvoiceState> asOf(String invoiceId, Instant instant) {
        return foldWhile(invoiceId, e -> !e.getTimestamp().isAfter(instant));
    }

    /** The invoice right after its event {@code sequenceNumber}; from a stream read moments ago if one is held. */
    public Optional<InvoiceState> afterSequence(String invoiceId, long sequenceNumber) {
        Optional<List<DomainEventMessage<?>>> held = recent.through(invoiceId, sequenceNumber);
        if (held.isPresent()) {
            return fold(held.get().iterator(), e -> true);
        }
        return foldWhile(invoiceId, e -> e.getSequenceNumber() <= sequenceNumber);
    }

    private Optional<InvoiceState> foldWhile(String invoiceId, Predicate<DomainEventMessage<?>> include) {
        return fold(eventStore.readEvents(invoiceId), include);
    }

    private static Optional<InvoiceState> fold(Iterator<? extends DomainEventMessage<?>> events,
                                               Predicate<DomainEventMessage<?>> include) {
        InvoiceState state = null;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!include.test(event)) {
                break;
            }
            if (event.getPayload() instanceof InvoiceEvent invoiceEvent) {
                if (state == null) {
                    state = new InvoiceState();
                }
                state.apply(invoiceEvent, event.getTimestamp());
            }
        }
        return Optional.ofNullable(state);
    }
}
