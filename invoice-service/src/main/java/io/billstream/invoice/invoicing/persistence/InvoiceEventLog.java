package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads one invoice's events straight from the event store: read-your-writes for {@code GET}, {@code asOf} time
 * travel, history, and the state right after a given event for the processors.
 */
@Component
public class InvoiceEventLog {

    private static final int MAX_RECENT = 2_000;

    private final EventStore eventStore;
    /** The streams this instance's commands last left, by invoice: what a command's own events continue. */
    private final Map<String, List<Stored>> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Stored>> eldest) {
                    return size() > MAX_RECENT;
                }
            });

    public InvoiceEventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The invoice as a command just left it, from the events that command applied: they continue the stream an
     * earlier command of this instance left, or start it, so nothing is read back from the store. Anything else (the
     * first command here on an older invoice, another instance's events in between, a command that applied nothing)
     * reads the stream from the store. {@code remember} is false while the events are not yet committed (an
     * enclosing transaction may still roll them back).
     */
    public Optional<InvoiceState> afterCommand(String invoiceId, List<? extends DomainEventMessage<?>> applied,
                                               boolean remember) {
        List<Stored> stream = null;
        for (DomainEventMessage<?> event : applied) {
            if (!invoiceId.equals(event.getAggregateIdentifier())) {
                continue;
            }
            if (stream == null) {
                List<Stored> known = event.getSequenceNumber() == 0 ? List.of() : recent.get(invoiceId);
                if (known == null || known.size() != event.getSequenceNumber()) {
                    return current(invoiceId);
                }
                stream = new ArrayList<>(known);
            } else if (stream.size() != event.getSequenceNumber()) {
                return current(invoiceId);
            }
            // the store keeps timestamps to the millisecond: read back later, the invoice must look the same
            stream.add(new Stored(event.getPayload(), event.getTimestamp().truncatedTo(ChronoUnit.MILLIS)));
        }
        if (stream == null) {
            return current(invoiceId);
        }
        if (remember) {
            recent.put(invoiceId, List.copyOf(stream));
        }
        InvoiceState state = null;
        for (Stored event : stream) {
            if (event.payload() instanceof InvoiceEvent invoiceEvent) {
                if (state == null) {
                    state = new InvoiceState();
                }
                state.apply(invoiceEvent, event.at());
            }
        }
        return Optional.ofNullable(state);
    }

    private record Stored(Object payload, Instant at) {
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

    public Optional<InvoiceState> afterSequence(String invoiceId, long sequenceNumber) {
        return foldWhile(invoiceId, e -> e.getSequenceNumber() <= sequenceNumber);
    }

    private Optional<InvoiceState> foldWhile(String invoiceId, Predicate<DomainEventMessage<?>> include) {
        InvoiceState state = null;
        DomainEventStream stream = eventStore.readEvents(invoiceId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
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
