package io.billstream.document.documents.messaging;

import io.billstream.document.documents.domain.InvoiceDocuments;
import io.billstream.document.documents.domain.InvoiceJson;
import io.billstream.document.documents.domain.CreditNoteDocuments;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every invoice.* event carries the whole invoice (payments applied, late fees, void included), so this topic
 * alone says when the PDF changes. A failing record is retried, then parked on the dead-letter topic by the
 * platform's error handler.
 */
@Component
class InvoiceEventListener {

    private final InvoiceDocuments documents;
    private final CreditNoteDocuments creditNotes;
    private final InvoiceJson json;

    InvoiceEventListener(InvoiceDocuments documents, CreditNoteDocuments creditNotes, InvoiceJson json) {
        this.documents = documents;
        this.creditNotes = creditNotes;
        this.json = json;
    }

    @KafkaListener(id = "document-service.invoices", topics = Topics.INVOICE, groupId = InvoiceDocuments.CONSUMER)
    void onInvoiceEvent(String value) {
        IntegrationEvent event = json.envelope(value);
        if (EventTypes.CREDIT_NOTE_ISSUED.equals(event.type())) {
            if (event.id() == null || event.tenantId() == null) {
                throw new MalformedEventException("credit note event without id or tenant", null);
            }
            creditNotes.apply(event, json.creditNote(event));
            return;
        }
        if (event.type() == null || !event.type().startsWith("invoice.")) {
            return;
        }
        if (event.id() == null || event.tenantId() == null) {
            throw new MalformedEventException("invoice event without id or tenant", null);
        }
        documents.apply(event, json.invoice(event));
    }
}
