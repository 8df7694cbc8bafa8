package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.persistence.RecentStreams;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token with gaps reads exactly the gaps and what lies above its index, as Axon's own query does; a whole-stream
 * read starts from the committed prefix held in memory and reads only what lies past it.
 */
@ServiceIntegrationTest
class GapBoundedJpaEventStorageEngineTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    RecentStreams recent;

    @Autowired
    ApplicationContext context;

    @Test
    void theInvoiceStoreIsTheGapBoundedOne() {
        assertThat(engine).isInstanceOf(GapBoundedJpaEventStorageEngine.class);
    }

    @Test
    void aTokenWithGapsReadsTheGapsAndEverythingAboveItsIndexAndNothingElse() {
        String aggregate = "inv_gaptest" + UUID.randomUUID().toString().replace("-", "");
        List<Long> written = appendStream(aggregate, 6);

        // as if events 1 and 3 of this stream were committed after 4: the token is at 4 with both still missing;
        // what comes back is 1 and 3 (the gaps) and 5 (above the index), not 0, 2 or 4 again
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(written.get(4),
                List.of(written.get(1), written.get(3)));
        List<? extends TrackedEventMessage<?>> read = engine.readEvents(token, false).toList();

        assertThat(sequenceNumbersOf(aggregate, read)).containsExactly(1L, 3L, 5L);
    }

    @Test
    void theProducersReadReturnsOneBatchWhereOtherReadsGoOnUntilEmpty() {
        String aggregate = "inv_batchtest" + UUID.randomUUID().toString().replace("-", "");
        List<Long> written = appendStream(aggregate, 150);
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(written.get(0) - 1, List.of());

        // the embedded store's producer (mayBlock) reads again by itself after a read that found events
        List<Long> oneRead = indexesOf(aggregate, engine.readEvents(before, true).toList());
        assertThat(oneRead).isNotEmpty().hasSizeLessThan(150).isEqualTo(written.subList(0, oneRead.size()));
        assertThat(indexesOf(aggregate, engine.readEvents(before, false).toList())).isEqualTo(written);
    }

    @Test
    void appendsAndWholeReadsAreHeldOnlyOnceTheirTransactionCommitted() {
        String committed = "inv_heldtest" + UUID.randomUUID().toString().replace("-", "");
        String rolledBack = "inv_heldtest" + UUID.randomUUID().toString().replace("-", "");

        tx.executeWithoutResult(status -> {
            appendEvents(engine, committed, 0, 3);
            assertThat(recent.through(committed, 0)).as("not before the commit").isEmpty();
        });
        // a command's transaction that appends, reads its own uncommitted events back, then fails
        tx.executeWithoutResult(status -> {
            engine.appendEvents(new GenericDomainEventMessage<>("Invoice", rolledBack, 0, "event 0"));
            assertThat(engine.readEvents(rolledBack).asStream().count()).isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(recent.through(rolledBack, 0)).isEmpty();
        assertThat(recent.through(committed, 2)).hasValueSatisfying(held -> assertThat(held)
                .map(m -> (Object) m.getPayload()).containsExactly("event 0", "event 1", "event 2"));
        tx.executeWithoutResult(status -> appendEvents(engine, committed, 3, 1));
        assertThat(recent.through(committed, 3)).as("a commit's appends extend the prefix they continue")
                .isPresent();
    }

    @Test
    void aWholeReadTakesTheHeldPrefixAndReadsFromTheStoreOnlyWhatAnotherInstanceAppendedPastIt() {
        String aggregate = "inv_tailtest" + UUID.randomUUID().toString().replace("-", "");
        tx.executeWithoutResult(status -> appendEvents(engine, aggregate, 0, 3));
        List<DomainEventMessage<?>> held = recent.held(aggregate);
        assertThat(held).hasSize(3);
        // another instance, with nothing of this stream in its memory, appends events 3 and 4
        RecentStreams othersMemory = new RecentStreams();
        GapBoundedJpaEventStorageEngine other = OtherInstanceStore.of(context, othersMemory);
        tx.executeWithoutResult(status -> appendEvents(other, aggregate, 3, 2));
        assertThat(othersMemory.held(aggregate)).as("it continues nothing it holds").isEmpty();

        List<? extends DomainEventMessage<?>> read = tx.execute(status -> engine.readEvents(aggregate).asStream()
                .toList());

        assertThat(read).map(m -> (Object) m.getPayload())
                .containsExactly("event 0", "event 1", "event 2", "event 3", "event 4");
        for (int i = 0; i < 3; i++) {
            assertThat(read.get(i)).as("event %d is the held message, not read again", i).isSameAs(held.get(i));
        }
        assertThat(recent.held(aggregate)).as("the longer stream is held once read").hasSize(5);
        // and the other instance, holding nothing, reads the whole stream from the store
        Long wholeRead = tx.execute(status -> other.readEvents(aggregate).asStream().count());
        assertThat(wholeRead).isEqualTo(5L);
    }

    @Test
    void anAppendWritesTheRowsAxonsOwnStoreWritesInOneStatementWithIndexesInTheEventsOrder() {
        String ours = "inv_rowtest" + UUID.randomUUID().toString().replace("-", "");
        String axons = "inv_rowtest" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.parse("2026-12-07T10:15:30.123456789Z");
        JpaEventStorageEngine axonsOwn = OtherInstanceStore.builder(context).build();
        tx.executeWithoutResult(status -> engine.appendEvents(eventsAt(ours, at)));
        tx.executeWithoutResult(status -> axonsOwn.appendEvents(eventsAt(axons, at)));

        List<Map<String, Object>> ourRows = rowsOf(ours);
        List<Map<String, Object>> axonsRows = rowsOf(axons);
        assertThat(ourRows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> mine = ourRows.get(i);
            Map<String, Object> theirs = axonsRows.get(i);
            for (String column : List.of("type", "sequence_number", "time_stamp", "payload_type", "payload_revision")) {
                assertThat(mine.get(column)).as("%s of event %d", column, i).isEqualTo(theirs.get(column));
            }
            assertThat((byte[]) mine.get("payload")).isEqualTo((byte[]) theirs.get("payload"));
            assertThat(new String((byte[]) mine.get("meta_data"))).contains("\"who\":\"" + i + "\"")
                    .isEqualTo(new String((byte[]) theirs.get("meta_data")));
        }
        assertThat(ourRows).extracting(row -> (Long) row.get("global_index")).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSequenceNumberTakenTwiceFailsAsTheLostRaceAxonRetries() {
        String aggregate = "inv_racetest" + UUID.randomUUID().toString().replace("-", "");
        tx.executeWithoutResult(status -> appendEvents(engine, aggregate, 0, 2));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> appendEvents(engine, aggregate, 1, 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> appendEvents(engine, aggregate, 0, 1)))
                .as("a stream created twice").isInstanceOf(AggregateStreamCreationException.class);
        assertThat(rowsOf(aggregate)).as("nothing of either failed append is stored").hasSize(2);
    }

    private static List<DomainEventMessage<?>> eventsAt(String aggregate, Instant at) {
        return IntStream.range(0, 3).<DomainEventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("Invoice",
                aggregate, i, new GenericMessage<>("event " + i, MetaData.with("who", String.valueOf(i))), at))
                .toList();
    }

    private List<Map<String, Object>> rowsOf(String aggregate) {
        return context.getBean(JdbcTemplate.class).queryForList(
                "select * from domain_event_entry where aggregate_identifier = ? order by sequence_number", aggregate);
    }

    private static void appendEvents(EventStorageEngine into, String aggregate, int first, int count) {
        into.appendEvents(IntStream.range(first, first + count)
                .mapToObj(i -> new GenericDomainEventMessage<>("Invoice", aggregate, i, "event " + i))
                .toList());
    }

    /** Appends {@code events} events of one stream in one transaction; their global indexes, in order. */
    private List<Long> appendStream(String aggregate, int events) {
        tx.executeWithoutResult(status -> engine.appendEvents(IntStream.range(0, events)
                .mapToObj(i -> new GenericDomainEventMessage<>("Invoice", aggregate, i, "event " + i))
                .toList()));
        List<Long> written = indexesOf(aggregate, engine.readEvents(null, false).toList());
        assertThat(written).hasSize(events);
        return written;
    }

    private static List<Long> indexesOf(String aggregate, List<? extends TrackedEventMessage<?>> messages) {
        return messages.stream()
                .filter(m -> m instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(aggregate))
                .map(m -> position(m.trackingToken()))
                .toList();
    }

    private static List<Long> sequenceNumbersOf(String aggregate, List<? extends TrackedEventMessage<?>> messages) {
        return messages.stream()
                .filter(m -> m instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(aggregate))
                .map(m -> ((DomainEventMessage<?>) m).getSequenceNumber())
                .toList();
    }

    private static long position(TrackingToken token) {
        OptionalLong position = token.position();
        return position.orElseThrow();
    }
}
