package io.billstream.platform.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consumer-side idempotency (docs/api-reference.md §9): a consumer calls {@link #markProcessed} inside the same transaction as its
 * state change; a redelivered event finds its row and is skipped.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this consumer sees the event id; false for every redelivery. */
    public boolean markProcessed(String consumer, String eventId) {
        return jdbc.update("""
                insert into processed_event (consumer, event_id, processed_at) values (?, ?, now())
                on conflict do nothing""", consumer, eventId) == 1;
    }
}
