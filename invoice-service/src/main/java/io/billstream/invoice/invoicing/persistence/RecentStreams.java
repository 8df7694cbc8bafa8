package io.billstream.invoice.invoicing.persistence;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
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
 * <p>
 * A command's own appends extend the prefix they continue once they commit ({@link #appended}), and a command's load
 * starts from the held prefix, reading only what lies past it (config.GapBoundedJpaEventStorageEngine): an invoice
 * created, edited and issued in a row, or paid moments after it was issued, is not read and deserialized again for
 * every command. What another instance appended since is past the prefix, so it is always read.
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
        afterCommit(() -> keep(aggregateId, kept));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /**
     * Events just appended to a stream, with the timestamps the store keeps: held once the current transaction
     * commits (at once without one), if they start the stream or continue exactly the prefix held then.
     */
    public void appended(String aggregateId, List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS
                || !consecutive(events, events.getFirst().getSequenceNumber())) {
            return;
        }
        List<DomainEventMessage<?>> kept = List.copyOf(events);
        afterCommit(() -> streams.compute(aggregateId, (id, held) -> {
            long first = kept.getFirst().getSequenceNumber();
            if (first == 0) {
                return held == null || held.size() <= kept.size() ? kept : held;
            }
            if (held == null || held.size() != first || held.size() + kept.size() > MAX_EVENTS) {
                return held;
            }
            List<DomainEventMessage<?>> longer = new ArrayList<>(held.size() + kept.size());
            longer.addAll(held);
            longer.addAll(kept);
            return List.copyOf(longer);
        }));
    }

    /** The whole prefix held for a stream, from sequence 0; empty if none is. */
    public List<DomainEventMessage<?>> held(String aggregateId) {
        List<DomainEventMessage<?>> events = streams.get(aggregateId);
        return events == null ? List.of() : events;
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
        return consecutive(events, 0);
    }

    private static boolean consecutive(List<? extends DomainEventMessage<?>> events, long first) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getSequenceNumber() != first + i) {
                return false;
            }
        }
        return true;
    }
}
