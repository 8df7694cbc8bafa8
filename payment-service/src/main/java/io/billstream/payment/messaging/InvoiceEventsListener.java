package io.billstream.payment.messaging;

import io.billstream.payment.domain.InvoiceFacts;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the ledger from invoice-service's events. Group {@code payment-service}: instances share the partitions.
 * Records come in batches (what one poll returned): the invoice facts between two credit notes are written together
 * ({@link InvoiceLedgerProjection#applyAll}), a credit note on its own, in order. When writing them together fails,
 * they are written one by one, and the first that still fails is named to the platform's error handler, which keeps
 * what came before it and retries that record, then parks it on the dead-letter topic, as for a single listener.
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
        List<InvoiceFacts> pending = new ArrayList<>();
        List<Integer> pendingAt = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                IntegrationEvent event = codec.decode(records.get(i).value());
                if (EventTypes.CREDIT_NOTE_ISSUED.equals(event.type())) {
                    write(pending, pendingAt);
                    creditNotes.apply(event);
                } else {
                    int at = i;
                    projection.facts(event).ifPresent(facts -> {
                        pending.add(facts);
                        pendingAt.add(at);
                    });
                }
            } catch (BatchListenerFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                write(pending, pendingAt);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        write(pending, pendingAt);
    }

    /** Writes the pending facts together, or one by one if that fails; empties the lists. */
    private void write(List<InvoiceFacts> pending, List<Integer> pendingAt) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            projection.applyAll(pending);
        } catch (RuntimeException together) {
            for (int i = 0; i < pending.size(); i++) {
                try {
                    projection.applyAll(List.of(pending.get(i)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, pendingAt.get(i));
                }
            }
        }
        pending.clear();
        pendingAt.clear();
    }
}
