package io.billstream.invoice.config;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, woken from outside. The store reads new events right after a commit of its own
 * instance; events another instance commits it found only by polling every {@code fetchDelay} — a query and a
 * transaction a second on an idle stack. Here a PostgreSQL notification (sent by a trigger on every append, see
 * migration V100) wakes it instead, and the poll stays only as a slow safety net for a lost notification.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(EmbeddedEventStore.Builder builder) {
        super(builder);
    }

    /** Reads new events now if the store is waiting for some (a no-op while it is reading anyway). */
    public void wake() {
        // afterCommit does exactly this for local commits; the events themselves are read from storage
        afterCommit(List.of());
    }
}
