package io.billstream.platform.outbox;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.AnnouncedInsert;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.platform.web.RequestIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an integration event into the outbox table in the caller's transaction, so the event exists exactly
 * when the state change does (docs/api-reference.md §9: no dual write). The relay publishes it after commit.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final IntegrationEventCodec codec;
    private final OutboxRelay relay;
    private final TraceContexts traces;
    private final AnnouncedInsert insert;

    public OutboxWriter(JdbcTemplate jdbc, IntegrationEventCodec codec, OutboxRelay relay) {
        this(jdbc, codec, relay, TraceContexts.NONE, null);
    }

    /**
     * @param notifyAs this instance's name in the {@link OutboxRelay#CHANNEL} notification that wakes the other
     *                 instances' relays (null: no notification, they find the row by their safety poll)
     */
    public OutboxWriter(JdbcTemplate jdbc, IntegrationEventCodec codec, OutboxRelay relay, TraceContexts traces,
                        String notifyAs) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
        this.traces = traces;
        this.insert = new AnnouncedInsert(
                "outbox_event (event_id, topic, record_key, payload, request_id, trace_parent, created_at)",
                "?, ?, ?, ?, ?, ?, now()", "", OutboxRelay.CHANNEL, notifyAs);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String recordKey, IntegrationEvent event) {
        insert.run(jdbc, event.id(), event.topic(), recordKey, codec.encode(event), RequestIds.current(),
                traces.currentTraceParent());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
