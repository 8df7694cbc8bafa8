package io.billstream.payment.messaging;

import io.billstream.payment.domain.InvoiceFacts;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.PollSegment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Feeds the ledger from invoice-service's events. Group {@code payment-service}: instances share the partitions.
 * Records come in batches (what one poll returned): the invoice facts between two credit notes are written together
 * ({@link InvoiceLedgerProjection#applyAll}), a credit note on its own, in order. When writing them together fails,
 * they are written one by one, and the first that still fails is named to the platform's error handler
 * ({@link PollSegment}).
 */
@Component
public class InvoiceEventsListener {

    private final IntegrationEventCodec codec;
    private final InvoiceLedgerProjection projection;
    private final CreditNoteRefunds creditNotes;

    public InvoiceEventsListener(IntegrationEventCodec codec, InvoiceLedgerProjection projection,
                                 CreditNoteRefunds creditNotes) {
        this.codec = codec;
        this.projection = projection;
        this.creditNotes = creditNotes;
    }

    @KafkaListener(id = "payment-service-invoice-events", topics = Topics.INVOICE, groupId = "payment-service",
            batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        PollSegment<InvoiceFacts> pending = new PollSegment<>(projection::applyAll,
                facts -> projection.applyAll(List.of(facts)));
        for (int i = 0; i < records.size(); i++) {
            try {
                IntegrationEvent event = codec.decode(records.get(i).value());
                if (EventTypes.CREDIT_NOTE_ISSUED.equals(event.type())) {
                    pending.store();
                    creditNotes.apply(event);
                } else {
                    int at = i;
                    projection.facts(event).ifPresent(facts -> pending.add(facts, at));
                }
            } catch (RuntimeException e) {
                throw pending.failedAt(i, e);
            }
        }
        pending.store();
    }
}
