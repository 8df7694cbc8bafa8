package io.billstream.payment;

import io.billstream.payment.messaging.InvoiceEventsListener;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A poll's invoice facts are written together: each invoice's newest version, in one commit (the rows carry one
 * transaction id). Facts that cannot be written together are written one by one up to the event that fails, which is
 * named to the error handler by its index.
 */
class InvoiceLedgerBatchTest extends PaymentIntegrationTest {

    @Autowired
    InvoiceEventsListener listener;

    private final List<ConsumerRecord<String, String>> poll = new ArrayList<>();

    @Test
    void aPollsFactsAreWrittenInOneCommitNewestVersionFirstToLast() {
        String tenant = newTenant();
        InvoiceEvents.Invoice first = invoices.draft(tenant, "USD", "120.00");
        InvoiceEvents.Invoice second = invoices.draft(tenant, "EUR", "75.00");
        add(invoices.next(first, EventTypes.INVOICE_CREATED, "draft", "100.00"));
        add(invoices.next(second, EventTypes.INVOICE_CREATED, "draft", "75.00"));
        add(invoices.next(first, EventTypes.INVOICE_ISSUED, "open", "120.00"));

        listener.on(poll);

        assertThat(ledgerRow(first.id)).containsEntry("status", "open").containsEntry("invoice_version", 2L);
        assertThat(ledgerRow(second.id)).containsEntry("status", "draft").containsEntry("invoice_version", 1L);
        assertThat(jdbc.queryForList("select distinct xmin::text from invoice_ledger where invoice_id in (?, ?)",
                String.class, first.id, second.id)).hasSize(1);
    }

    @Test
    void factsTheDatabaseRefusesAreNamedByIndexAndTheFactsBeforeThemAreWritten() {
        String tenant = newTenant();
        InvoiceEvents.Invoice good = invoices.draft(tenant, "USD", "10.00");
        // a tenant id longer than the ledger's column: read fine, refused by the database
        InvoiceEvents.Invoice refused = invoices.draft("ten_" + "x".repeat(70), "USD", "20.00");
        InvoiceEvents.Invoice after = invoices.draft(tenant, "USD", "30.00");
        add(invoices.next(good, EventTypes.INVOICE_ISSUED, "open", "10.00"));
        add(invoices.next(refused, EventTypes.INVOICE_ISSUED, "open", "20.00"));
        add(invoices.next(after, EventTypes.INVOICE_ISSUED, "open", "30.00"));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(ledgerRows(good.id)).isEqualTo(1);
        assertThat(ledgerRows(refused.id)).isZero();
        assertThat(ledgerRows(after.id)).as("left for the error handler to deliver again").isZero();
    }

    @Test
    void anUnreadableRecordIsNamedAfterTheFactsBeforeItAreWritten() {
        InvoiceEvents.Invoice good = invoices.draft(newTenant(), "USD", "10.00");
        add(invoices.next(good, EventTypes.INVOICE_ISSUED, "open", "10.00"));
        poll.add(new ConsumerRecord<>(Topics.INVOICE, 0, poll.size(), "inv_unreadable", "{not json"));

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure).hasCauseInstanceOf(MalformedEventException.class);
        assertThat(ledgerRows(good.id)).isEqualTo(1);
    }

    private void add(IntegrationEvent event) {
        poll.add(new ConsumerRecord<>(Topics.INVOICE, 0, poll.size(), event.subject(), codec.encode(event)));
    }

    private int ledgerRows(String invoiceId) {
        return jdbc.queryForObject("select count(*) from invoice_ledger where invoice_id = ?", Integer.class,
                invoiceId);
    }
}
