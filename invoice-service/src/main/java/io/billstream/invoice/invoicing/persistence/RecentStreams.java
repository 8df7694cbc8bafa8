package io.billstream.invoice.invoicing.persistence;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed events of the streams read whole moments ago, above all by the commands that load an invoice to
 * decide. The processors then need the invoice as it stood right before the command's first event, which is exactly
 * that stream; without it, a processor whose own cache no longer held the invoice (any payment that comes long after
 * its invoice was issued) read and deserialized the stream again, once in the list projection and once in the Kafka
 * publisher (docs/benchmarks.md, row 26).
 * <p>
 * Only a prefix that starts at sequence 0 and has no holes is kept, and only once the transaction it was read in has
 * committed, so it never holds an event that was not stored for good. Stored events never change, so a prefix stays
 * true however far the stream has grown since; {@link #through} answers only for sequences inside it.
 */
@Component
public class RecentStreams {

    static final int MAX_STREAMS = 1_000;
    /** Longer streams are not kept: they are rare (invoices have a few dozen events) and would crowd out the rest. */
    static final int MAX_EVENTS = 256;

    private final Map<String, List<DomainEventMessage<?>>> streams = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<DomainEventMessage<?>>> eldest) {
                    return size() > MAX_STREAMS;
                }
            });

    /** A stream just read from sequence 0: remembered when the current transaction commits (at once without one). */
    public void read(String aggregateId, List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS || !fromZeroWithoutHoles(events)) {
            return;
        }
        List<DomainEventMessage<?>> kept = List.copyOf(events);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keep(aggregateId, kept);
                }
            });
        } else {
            keep(aggregateId, kept);
        }
    }

    /** The stream's events 0 to {@code sequence}, if a prefix that long is held. */
    public Optional<List<DomainEventMessage<?>>> through(String aggregateId, long sequence) {
        List<DomainEventMessage<?>> events = streams.get(aggregateId);
        if (sequence < 0 || events == null || events.size() <= sequence) {
            return Optional.empty();
        }
        return Optional.of(events.subList(0, (int) sequence + 1));
    }

    private void keep(String aggregateId, List<DomainEventMessage<?>> events) {
        streams.merge(aggregateId, events, (held, read) -> read.size() >= held.size() ? read : held);
    }

    private static boolean fromZeroWithoutHoles(List<? extends DomainEventMessage<?>> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getSequenceNumber() != i) {
                return false;
            }
        }
        return true;
    }
}
