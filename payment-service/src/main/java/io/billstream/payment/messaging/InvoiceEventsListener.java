package io.billstream.payment.messaging;

import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the ledger from invoice-service's events. Group {@code payment-service}: instances share the partitions;
 * a record that keeps failing goes to the dead-letter topic through the platform's error handler.
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

    @KafkaListener(id = "payment-service-invoice-events", topics = Topics.INVOICE, groupId = "payment-service")
    public void on(ConsumerRecord<String, String> record) {
        IntegrationEvent event = codec.decode(record.value());
        if (EventTypes.CREDIT_NOTE_ISSUED.equals(event.type())) {
            creditNotes.apply(event);
        } else {
            projection.apply(event);
        }
    }
}
