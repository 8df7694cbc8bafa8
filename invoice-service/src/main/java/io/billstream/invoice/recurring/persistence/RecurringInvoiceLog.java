package io.billstream.invoice.recurring.persistence;

import io.billstream.invoice.recurring.api.RecurringInvoiceEvent;
import io.billstream.invoice.recurring.domain.RecurringState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One schedule's events straight from the event store: read-your-writes for {@code GET}, history, processors. */
@Component
public class RecurringInvoiceLog {

    private final EventStore eventStore;

    public RecurringInvoiceLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<DomainEventMessage<?>> events(String id) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(id).asStream().forEach(events::add);
        return events;
    }

    public Optional<RecurringState> current(String id) {
        return afterSequence(id, Long.MAX_VALUE);
    }

    public Optional<RecurringState> afterSequence(String id, long sequenceNumber) {
        RecurringState state = null;
        DomainEventStream stream = eventStore.readEvents(id);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() > sequenceNumber) {
                break;
            }
            if (event.getPayload() instanceof RecurringInvoiceEvent recurring) {
                if (state == null) {
                    state = new RecurringState();
                }
                state.apply(recurring, event.getTimestamp());
            }
        }
        return Optional.ofNullable(state);
    }
}
