package io.billstream.document.documents.messaging;

import io.billstream.document.documents.domain.CreditNoteDocuments;
import io.billstream.document.documents.domain.InvoiceDocuments;
import io.billstream.document.documents.domain.InvoiceDocuments.Incoming;
import io.billstream.document.documents.domain.InvoiceJson;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.platform.messaging.PollSegment;
import io.billstream.platform.observability.TraceContexts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every invoice.* event carries the whole invoice (payments applied, late fees, void included), so this topic
 * alone says when the PDF changes. Records come in batches (what one poll returned): the invoice events between
 * two credit notes are applied together, in one transaction ({@link InvoiceDocuments#applyAll}). When that fails,
 * they are applied one by one, and the first that still fails is named to the platform's error handler
 * ({@link PollSegment}). Batch listeners are not observed by spring-kafka, so each record's {@code traceparent} header
 * is read here, and the work of its event continues that trace.
 */
@Component
class InvoiceEventListener {

    private final InvoiceDocuments documents;
    private final CreditNoteDocuments creditNotes;
    private final InvoiceJson json;
    private final TraceContexts traces;

    InvoiceEventListener(InvoiceDocuments documents, CreditNoteDocuments creditNotes, InvoiceJson json,
                         TraceContexts traces) {
        this.documents = documents;
        this.creditNotes = creditNotes;
        this.json = json;
        this.traces = traces;
    }

    @KafkaListener(id = "document-service.invoices", topics = Topics.INVOICE, groupId = InvoiceDocuments.CONSUMER,
            batch = "true")
    void onInvoiceEvents(List<ConsumerRecord<String, String>> records) {
        PollSegment<Incoming> pending = new PollSegment<>(documents::applyAll, in -> traces.runInTrace(
                InvoiceDocuments.SPAN, in.traceParent(), () -> documents.apply(in.event(), in.invoice())));
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            String traceParent = TraceContexts.traceParentOf(record);
            try {
                IntegrationEvent event = json.envelope(record.value());
                if (EventTypes.CREDIT_NOTE_ISSUED.equals(event.type())) {
                    requireIdAndTenant(event, "credit note");
                    // in order: what came before it first
                    pending.store();
                    traces.runInTrace(InvoiceDocuments.SPAN, traceParent,
                            () -> creditNotes.apply(event, json.creditNote(event)));
                } else if (event.type() != null && event.type().startsWith("invoice.")) {
                    requireIdAndTenant(event, "invoice");
                    pending.add(new Incoming(event, json.invoice(event), traceParent), i);
                }
            } catch (RuntimeException e) {
                throw pending.failedAt(i, e);
            }
        }
        pending.store();
    }

    private static void requireIdAndTenant(IntegrationEvent event, String what) {
        if (event.id() == null || event.tenantId() == null) {
            throw new MalformedEventException(what + " event without id or tenant", null);
        }
    }
}
