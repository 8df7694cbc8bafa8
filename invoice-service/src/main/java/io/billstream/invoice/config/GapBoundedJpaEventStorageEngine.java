package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.persistence.RecentStreams;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JPA event store, with one change to how a processor reads on: while its token has gaps (events of
 * transactions that committed after later ones), Axon asks for {@code globalIndex > :token OR globalIndex IN :gaps}
 * ordered by index, and PostgreSQL answers that by walking the primary key from the very first event, filtering
 * out all of them — 4–5 ms a read in the end-to-end benchmark, and growing with the store. Bounding the walk by the
 * lowest gap (until 2026-12-07) still walked every event between that gap and the token: a gap stays in the tokens
 * until 10,000 events have passed it (Axon's {@code maxGapOffset}), so that was up to 10,000 index entries a read.
 * The same rows are now read as the gaps by their keys plus the batch above the token by a range, merged in index
 * order: a few index entries whatever the distance.
 * <p>
 * And one batch per read for the embedded store's producer thread (the only reader that passes {@code mayBlock}):
 * Axon reads a tracked stream until a read comes back empty, and the producer reads again anyway after every read
 * that found events, so each append cost three queries, each in a transaction of its own (two found nothing; counted
 * with pg_stat_statements, traced with JFR). A full batch still makes the producer read on at once. The processors'
 * own streams (catching up, replaying) keep Axon's read-until-empty.
 * <p>
 * And one more: no aggregate here takes snapshots (none has a snapshot trigger), so the snapshot table stays empty
 * and Axon's look-up there before every aggregate load and stream read was a query that always found nothing.
 * <p>
 * And a whole stream read from its start is handed to {@link RecentStreams} (once its transaction commits), so that
 * the processors, which need the invoice as it stood before a command's events, do not read it again; a command's
 * appends extend it the same way, and a whole-stream read starts from what is held there.
 * <p>
 * And a gap that has stayed empty for {@code gapTimeout} (as long as Axon waits for a late transaction anywhere else)
 * leaves the tokens of the events read past it, once a read that asked for it found it still empty (an event that
 * did commit, however late, still reaches a processor whose token waits for it). Such a gap is a rolled-back append,
 * and Axon kept it for 10,000 events. A processor whose token still held one could not join the embedded store's
 * shared stream, which it finds by token equality, and the store's producer never has gaps from before the instance
 * started: after every restart each processor read privately from the database, 9.15 event-store reads per create +
 * issue instead of 2.00 (docs/benchmarks.md, row 38). A gap's age is counted from the first read here that found it
 * empty, so a restart waits {@code gapTimeout} again rather than trusting another instance's clock.
 * <p>
 * And a command's events are appended with one multi-row insert that takes their global indexes from the sequence
 * itself, in the events' order, where Hibernate asked for each index and inserted each event with a round trip of
 * its own, and built an entity for each (docs/benchmarks.md, row 44). The rows are Axon's, column for column.
 */
public class GapBoundedJpaEventStorageEngine extends JpaEventStorageEngine {

    // Axon's maxGapOffset: a gap this far below the newest index has left every token anyway
    private static final int FORGET_BELOW = 10_000;
    private static final long HAND_OUT_POLL_NANOS = 20_000;
    // a domain event's columns in the order of Axon's JPQL (and of GenericDomainEventEntry's constructor)
    private static final String EVENT_COLUMNS = "type, aggregate_identifier, sequence_number, event_identifier, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final String READ_ABOVE = """
            select global_index, %s from domain_event_entry where global_index > ?
            order by global_index limit ?""".formatted(EVENT_COLUMNS);
    // the gaps by their keys and the batch above the token by a range, merged in index order
    private static final String READ_GAPS_AND_ABOVE = """
            select global_index, %s
            from ((select * from domain_event_entry where global_index = any (?))
                  union all
                  (select * from domain_event_entry where global_index > ? order by global_index limit ?)) e
            order by global_index limit ?""".formatted(EVENT_COLUMNS);
    private static final String READ_STREAM = """
            select %s from domain_event_entry where aggregate_identifier = ? and sequence_number >= ?
            order by sequence_number limit ?""".formatted(EVENT_COLUMNS);

    // rows per insert: far below PostgreSQL's 65,535 parameters per statement; a command appends a handful
    private static final int APPEND_CHUNK = 100;
    private static final String APPEND = """
            insert into domain_event_entry (global_index, %s) values """.formatted(EVENT_COLUMNS);
    private static final String APPEND_ROW = "(nextval('domain_event_entry_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // the insert for n rows, made on first use (a benign race: every thread makes the same string)
    private static final String[] APPEND_ROWS = new String[APPEND_CHUNK + 1];

    private final JdbcTemplate jdbc;
    private final RecentStreams recent;
    private final Duration gapTimeout;
    private final InstantSource clock;
    private final ConcurrentNavigableMap<Long, Instant> gapsFirstSeen = new ConcurrentSkipListMap<>();
    // the embedded store's producer is still putting one read's events into the shared stream, one at a time
    private volatile boolean handingOut;

    public GapBoundedJpaEventStorageEngine(JpaEventStorageEngine.Builder builder, DataSource dataSource,
                                           RecentStreams recent, Duration gapTimeout, InstantSource clock) {
        super(builder.gapTimeout(Math.toIntExact(gapTimeout.toMillis())));
        this.jdbc = new JdbcTemplate(dataSource);
        this.recent = recent;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        if (firstSequenceNumber > 0) {
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
        // Read whole, as every caller here does anyway (an aggregate load, a fold, a history): the held prefix, and
        // from the store only what lies past it (what this instance has not seen committed, another's appends too).
        List<DomainEventMessage<?>> held = recent.held(aggregateIdentifier);
        List<? extends DomainEventMessage<?>> rest =
                super.readEvents(aggregateIdentifier, held.size()).asStream().toList();
        List<DomainEventMessage<?>> events = new ArrayList<>(held.size() + rest.size());
        events.addAll(held);
        events.addAll(rest);
        if (!rest.isEmpty()) {
            recent.read(aggregateIdentifier, events);
        }
        return DomainEventStream.of(events);
    }

    /**
     * Appends, and hands a command's events to {@link RecentStreams} for when its transaction commits, with their
     * timestamps as the store keeps them (to the millisecond), so that the next command on the invoice reads only
     * what comes after them.
     */
    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        super.appendEvents(events);
        Map<String, List<DomainEventMessage<?>>> byStream = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain) {
                byStream.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>())
                        .add(asStored(domain));
            }
        }
        byStream.forEach(recent::appended);
    }

    /**
     * Axon's rows ({@link #createEventEntity}: the same serialized payload, metadata and time stamp) in one statement
     * per chunk, on the transaction's connection. A stream's sequence number taken twice still fails on the store's
     * unique key, and Axon's own handling turns that into the {@code ConcurrencyException} a lost append race is
     * retried on ({@code ConcurrentAppendRetry}).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventEntry> rows = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            rows.add((DomainEventEntry) createEventEntity(event, serializer));
        }
        try {
            for (int from = 0; from < rows.size(); from += APPEND_CHUNK) {
                int first = from;
                int count = Math.min(rows.size() - from, APPEND_CHUNK);
                jdbc.update(connection -> {
                    PreparedStatement insert = connection.prepareStatement(appendRows(count));
                    int column = 0;
                    for (int i = first; i < first + count; i++) {
                        DomainEventEntry row = rows.get(i);
                        insert.setString(++column, row.getType());
                        insert.setString(++column, row.getAggregateIdentifier());
                        insert.setLong(++column, row.getSequenceNumber());
                        insert.setString(++column, row.getEventIdentifier());
                        // as the entry formatted it, without parsing its text back
                        insert.setString(++column, DateTimeUtils.formatInstant(events.get(i).getTimestamp()));
                        insert.setString(++column, row.getPayload().getType().getName());
                        insert.setString(++column, row.getPayload().getType().getRevision());
                        insert.setBytes(++column, row.getPayload().getData());
                        insert.setBytes(++column, row.getMetaData().getData());
                    }
                    return insert;
                });
            }
        } catch (RuntimeException e) {
            handlePersistenceException(e, events.getFirst());
        }
    }

    private static String appendRows(int count) {
        String sql = APPEND_ROWS[count];
        if (sql == null) {
            sql = APPEND + String.join(", ", Collections.nCopies(count, APPEND_ROW));
            APPEND_ROWS[count] = sql;
        }
        return sql;
    }

    private static DomainEventMessage<?> asStored(DomainEventMessage<?> event) {
        // Axon's stored time stamp (DateTimeUtils.formatInstant) keeps three fraction digits, cut, not rounded
        Instant stored = event.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
        return stored.equals(event.getTimestamp()) ? event : new GenericDomainEventMessage<>(event.getType(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event, stored);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    /**
     * The shared stream's read (the embedded store's producer, the only caller that may block) is deserialized here
     * at once, and marked as being handed out until the producer has taken its last event: the producer puts one
     * event at a time into the shared stream and wakes its readers after each, so a reader can see the first event of
     * an append without the second ({@link #awaitHandedOut}).
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEvents(trackingToken, false);
        }
        handingOut = false;
        List<? extends TrackedEventMessage<?>> read = super.readEvents(trackingToken, true).toList();
        if (read.isEmpty()) {
            return Stream.empty();
        }
        handingOut = true;
        Iterator<? extends TrackedEventMessage<?>> events = read.iterator();
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventMessage<?>>(
                read.size(), Spliterator.ORDERED | Spliterator.SIZED) {
            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                if (events.hasNext()) {
                    action.accept(events.next());
                    return true;
                }
                handingOut = false;
                return false;
            }
        }, false).onClose(() -> handingOut = false);
    }

    /**
     * Waits until the shared stream's producer has handed out the whole of its current read, but no longer than
     * {@code max}; returns at once when it is not handing out.
     */
    public void awaitHandedOut(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (handingOut && System.nanoTime() < deadline) {
            LockSupport.parkNanos(HAND_OUT_POLL_NANOS);
        }
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, mayBlock);
        }
        return fetchTrackedEvents(trackingToken, batchSize()).stream();
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> read = super.fetchTrackedEvents(lastToken, batchSize);
        if (!(lastToken instanceof GapAwareTrackingToken token) || token.getGaps().isEmpty() || read.isEmpty()) {
            return read;
        }
        Set<Long> stale = staleGapsStillMissing(token, read);
        if (stale.isEmpty()) {
            return read;
        }
        return read.stream().map(event -> {
            GapAwareTrackingToken position = (GapAwareTrackingToken) event.trackingToken();
            GapAwareTrackingToken without = GapAwareTrackingToken.newInstance(position.getIndex(),
                    position.getGaps().stream().filter(gap -> !stale.contains(gap)).toList());
            return new TrackedDomainEventData<>(without, (DomainEventData<?>) event);
        }).toList();
    }

    /**
     * The token's gaps that have been missing for the gap timeout and are still missing after this read. The read asks
     * for every gap by its key and returns rows in index order, all gaps first, so a gap whose event has committed is
     * filled in the read's last token, unless the batch ended before the token's index; then nothing is given up.
     */
    private Set<Long> staleGapsStillMissing(GapAwareTrackingToken token, List<? extends TrackedEventData<?>> read) {
        GapAwareTrackingToken last = (GapAwareTrackingToken) read.getLast().trackingToken();
        if (read.size() >= batchSize() && last.getIndex() <= token.getIndex()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Instant staleBefore = now.minus(gapTimeout);
        gapsFirstSeen.headMap(token.getIndex() - FORGET_BELOW).clear();
        Set<Long> stale = new HashSet<>();
        for (long gap : token.getGaps()) {
            if (!last.getGaps().contains(gap)) {
                gapsFirstSeen.remove(gap);
            } else if (!gapsFirstSeen.computeIfAbsent(gap, g -> now).isAfter(staleBefore)) {
                stale.add(gap);
            }
        }
        return stale;
    }

    /**
     * The processors' read, as Axon's JPQL asks for it (the same columns in the same order), as plain SQL through the
     * connection of the transaction at hand, else a pooled one in auto-commit. Through JPA, each read outside a
     * transaction made an entity manager of its own and had Hibernate interpret the query again: most of a read's
     * CPU, for a select that returns a few rows (docs/benchmarks.md, "What profiling found", row 43).
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken previousToken) {
        long token = previousToken == null ? -1 : previousToken.getIndex();
        if (previousToken == null || previousToken.getGaps().isEmpty()) {
            return jdbc.query(READ_ABOVE, GapBoundedJpaEventStorageEngine::trackedRow, token, batchSize());
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(READ_GAPS_AND_ABOVE);
            statement.setArray(1, connection.createArrayOf("bigint", previousToken.getGaps().toArray()));
            statement.setLong(2, token);
            statement.setInt(3, batchSize());
            statement.setInt(4, batchSize());
            return statement;
        }, GapBoundedJpaEventStorageEngine::trackedRow);
    }

    /** An aggregate's events from a sequence on, as Axon's JPQL reads them, as plain SQL (see {@link #fetchEvents}). */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        return jdbc.query(READ_STREAM,
                (row, n) -> new GenericDomainEventEntry<>(row.getString(1), row.getString(2), row.getLong(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getBytes(8),
                        row.getBytes(9)),
                aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    /** A row of {@code global_index, EVENT_COLUMNS} as Axon's JPQL returns it for the processors' read. */
    private static Object[] trackedRow(ResultSet row, int n) throws SQLException {
        return new Object[]{row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10)};
    }
}
