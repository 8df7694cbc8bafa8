package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invoice as it stands right after a given event, for one event processor. A processor sees each invoice's
 * events in order (segments are split by aggregate id), so the state after event n−1 is usually at hand and only
 * event n needs applying, and the first event of a stream needs nothing else. Anything else (an invoice this cache no
 * longer holds, a retried batch, a segment that moved between instances, a replay) folds the stream before the event:
 * usually the one its command loaded moments ago (RecentStreams), else from the event store. Keyed by sequence
 * number, so the cache can never be ahead.
 */
public final class InvoiceStreamFolder {

    private static final int MAX_INVOICES = 2_000;

    private final InvoiceEventLog log;
    private final Map<String, Folded> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Folded> eldest) {
                    return size() > MAX_INVOICES;
                }
            });

    public InvoiceStreamFolder(InvoiceEventLog log) {
        this.log = log;
    }

    public InvoiceState after(DomainEventMessage<?> message) {
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        Folded cached = recent.remove(id);
        InvoiceState state;
        if (cached != null && cached.sequence() == sequence) {
            state = cached.state();
        } else if (!(message.getPayload() instanceof InvoiceEvent event)) {
            state = log.afterSequence(id, sequence).orElseThrow();
        } else {
            // The invoice before this event: this cache's, nothing before the first event, else the stream the
            // command that appended it loaded moments ago (InvoiceEventLog, RecentStreams) or the event store.
            state = cached != null && cached.sequence() == sequence - 1 ? cached.state()
                    : sequence == 0 ? new InvoiceState()
                    : log.afterSequence(id, sequence - 1).orElseThrow();
            state.apply(event, message.getTimestamp());
        }
        recent.put(id, new Folded(sequence, state));
        return state;
    }

    private record Folded(long sequence, InvoiceState state) {
    }
}
