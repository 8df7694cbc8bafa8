package io.billstream.document.documents.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.document.fixtures.Invoices;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A poll's invoice events are stored in one transaction (the rows of every event carry the same transaction id),
 * and a poll that cannot be stored together is stored event by event up to the event that fails, which is named to
 * the error handler by its index.
 */
@ServiceIntegrationTest
class InvoiceEventListenerTest {

    private static final String TENANT = "ten_document_batch";

    @Autowired
    InvoiceEventListener listener;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    MeterRegistry registry;

    private final List<ConsumerRecord<String, String>> poll = new ArrayList<>();

    @Test
    void aPollsEventsAreStoredInOneTransactionAndAPageIsRenderedOncePerPoll() {
        Invoices first = Invoices.invoice().service("Design", "3", "hour", "80.00", null);
        Invoices second = Invoices.invoice().service("Hosting", "1", "month", "49.00", null);
        IntegrationEvent created = add(EventTypes.INVOICE_CREATED, first.version(1).status("draft").build());
        IntegrationEvent issued = add(EventTypes.INVOICE_ISSUED, first.version(2).status("open").build());
        IntegrationEvent otherIssued = add(EventTypes.INVOICE_ISSUED, second.version(2).build());
        // the same page as the event before it, which this poll renders: not rendered again
        IntegrationEvent otherSent = add(EventTypes.INVOICE_SENT, second.version(3).build());
        double rendersBefore = renders();

        listener.onInvoiceEvents(poll);

        List<String> events = List.of(created.id(), issued.id(), otherIssued.id(), otherSent.id());
        assertThat(jdbc.queryForList("select xmin::text from processed_event where event_id in (?, ?, ?, ?)",
                String.class, events.toArray())).hasSize(4).containsOnly(transactionOf(issued.id()));
        assertThat(Math.round(renders() - rendersBefore)).isEqualTo(2);
        assertThat(jdbc.queryForList("select invoice_version from invoice_render where invoice_id in (?, ?)",
                Long.class, issued.subject(), otherIssued.subject())).containsExactlyInAnyOrder(2L, 2L);
        assertThat(jdbc.queryForObject("select invoice_version from invoice_snapshot where invoice_id = ?",
                Long.class, otherSent.subject())).isEqualTo(3L);
    }

    @Test
    void aPollThatCannotBeStoredTogetherIsStoredEventByEventUpToTheOneThatFails() {
        IntegrationEvent good = add(EventTypes.INVOICE_ISSUED,
                Invoices.invoice().service("Audit", "2", "hour", "150.00", null).version(2).build());
        // a status longer than the snapshot's column: decoded and rendered, refused by the database
        IntegrationEvent refused = add(EventTypes.INVOICE_ISSUED,
                Invoices.invoice().service("Audit", "1", "hour", "150.00", null).version(2).status("x".repeat(40))
                        .build());
        IntegrationEvent after = add(EventTypes.INVOICE_ISSUED,
                Invoices.invoice().service("Audit", "1", "hour", "90.00", null).version(2).build());

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onInvoiceEvents(poll));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(processed(good)).isTrue();
        assertThat(processed(refused)).isFalse();
        assertThat(processed(after)).as("left for the error handler to deliver again").isFalse();
    }

    @Test
    void anUnreadableRecordIsNamedAfterTheEventsBeforeItAreStored() {
        IntegrationEvent good = add(EventTypes.INVOICE_ISSUED,
                Invoices.invoice().service("Support", "4", "hour", "60.00", null).version(2).build());
        poll.add(new ConsumerRecord<>(Topics.INVOICE, 0, poll.size(), "inv_unreadable", "{not json"));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onInvoiceEvents(poll));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure).hasCauseInstanceOf(MalformedEventException.class);
        assertThat(processed(good)).isTrue();
    }

    private IntegrationEvent add(String type, InvoiceData invoice) {
        IntegrationEvent event = IntegrationEvent.of(EventIds.newEventId(), "billstream/invoice-service", type,
                invoice.id(), Instant.now(), TENANT, invoice.version(), mapper.valueToTree(invoice));
        try {
            poll.add(new ConsumerRecord<>(Topics.INVOICE, 0, poll.size(), invoice.id(),
                    mapper.writeValueAsString(event)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return event;
    }

    private String transactionOf(String eventId) {
        return jdbc.queryForObject("select xmin::text from processed_event where event_id = ?", String.class, eventId);
    }

    private boolean processed(IntegrationEvent event) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                event.id()) == 1;
    }

    private double renders() {
        Timer timer = registry.find("billstream.pdf.render").timer();
        return timer == null ? 0 : timer.count();
    }
}
