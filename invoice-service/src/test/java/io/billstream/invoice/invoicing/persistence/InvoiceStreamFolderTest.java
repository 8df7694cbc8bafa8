package io.billstream.invoice.invoicing.persistence;

import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceEvent;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.invoice.invoicing.api.LineItemRemoved;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' incremental fold must always equal folding the stored stream, also for retries and jumps. */
class InvoiceStreamFolderTest {

    static final String ID = "inv_fold";

    @Test
    void incrementalRetriedAndSkippedFoldsAllMatchTheStoredStream() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<InvoiceEvent> payloads = new ArrayList<>(List.of(
                new InvoiceCreated(ID, "ten_a", new DraftTerms("cus_1", "USD", null, null, 14, null, BigDecimal.ZERO,
                        null, Map.of()), null, List.of())));
        for (int i = 0; i < 5; i++) {
            payloads.add(new LineItemAdded(ID, new LineItem("li_" + i, "x", "service", BigDecimal.ONE, null,
                    new BigDecimal("10.00"), null, null, null)));
        }
        payloads.add(new LineItemRemoved(ID, "li_0"));
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new GenericDomainEventMessage<>("Invoice", ID, i, payloads.get(i)));
        }
        store.publish(events);
        InvoiceEventLog log = new InvoiceEventLog(store, new RecentStreams());
        InvoiceStreamFolder folder = new InvoiceStreamFolder(log);

        for (int seq : new int[]{0, 1, 2, 3, 2, 3, 5, 6}) {     // in order, a retried pair, then a jump
            InvoiceState incremental = folder.after(events.get(seq));
            InvoiceState stored = log.afterSequence(ID, seq).orElseThrow();
            assertThat(incremental.version()).isEqualTo(seq + 1L);
            assertThat(incremental.toData(Map.of())).usingRecursiveComparison().isEqualTo(stored.toData(Map.of()));
        }
        assertThat(folder.after(events.get(6)).subtotal().toPlainString()).isEqualTo("40.00");
    }

    @Test
    void anEventAfterTheStreamItsCommandLoadedIsFoldedFromThatStreamWithoutReadingTheStore() {
        List<DomainEventMessage<?>> events = stream(4);
        EmbeddedEventStore holding = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        holding.publish(events);
        InvoiceState expected = new InvoiceEventLog(holding, new RecentStreams()).afterSequence(ID, 3).orElseThrow();
        EmbeddedEventStore empty = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        RecentStreams recent = new RecentStreams();
        recent.read(ID, events.subList(0, 3));      // what the command appending event 3 loaded
        InvoiceStreamFolder folder = new InvoiceStreamFolder(new InvoiceEventLog(empty, recent));

        InvoiceState state = folder.after(events.get(3));

        assertThat(state.version()).isEqualTo(4L);
        assertThat(state.toData(Map.of())).usingRecursiveComparison().isEqualTo(expected.toData(Map.of()));
    }

    @Test
    void anEventBeyondTheHeldStreamIsFoldedFromTheStore() {
        List<DomainEventMessage<?>> events = stream(5);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store.publish(events);
        RecentStreams recent = new RecentStreams();
        recent.read(ID, events.subList(0, 2));      // held: 0 and 1; event 4 needs 0 to 3
        InvoiceEventLog log = new InvoiceEventLog(store, recent);

        InvoiceState state = new InvoiceStreamFolder(log).after(events.get(4));

        assertThat(state.version()).isEqualTo(5L);
        assertThat(state.lines()).hasSize(4);
    }

    /** InvoiceCreated, then {@code count - 1} lines added. */
    private static List<DomainEventMessage<?>> stream(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Invoice", ID, 0, new InvoiceCreated(ID, "ten_a",
                new DraftTerms("cus_1", "USD", null, null, 14, null, BigDecimal.ZERO, null, Map.of()), null,
                List.of())));
        for (int i = 1; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("Invoice", ID, i, new LineItemAdded(ID, new LineItem("li_" + i,
                    "x", "service", BigDecimal.ONE, null, new BigDecimal("10.00"), null, null, null))));
        }
        return events;
    }

    @Test
    void theFirstEventOfAStreamIsFoldedWithoutReadingTheStore() {
        EmbeddedEventStore empty = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        InvoiceStreamFolder folder = new InvoiceStreamFolder(new InvoiceEventLog(empty, new RecentStreams()));
        DomainEventMessage<?> created = new GenericDomainEventMessage<>("Invoice", ID, 0, new InvoiceCreated(ID, "ten_a",
                new DraftTerms("cus_1", "EUR", null, null, 14, null, BigDecimal.ZERO, null, Map.of()), null, List.of()));

        InvoiceState state = folder.after(created);

        assertThat(state.version()).isEqualTo(1L);
        assertThat(state.tenantId()).isEqualTo("ten_a");
        assertThat(state.currency().getCurrencyCode()).isEqualTo("EUR");
    }
}
