package io.billstream.document.documents.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Reads events and snapshots leniently: v1 schemas grow additively (new fields only), so a field this service does not
 * know yet must not send a good event to the dead-letter topic, unlike request bodies, which stay strict.
 */
@Component
public class InvoiceJson {

    private final ObjectMapper mapper;
    private final ObjectReader envelopes;
    private final ObjectReader invoices;

    public InvoiceJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.envelopes = mapper.readerFor(IntegrationEvent.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.invoices = mapper.readerFor(InvoiceData.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public IntegrationEvent envelope(String json) {
        try {
            return envelopes.readValue(json);
        } catch (IOException e) {
            throw new MalformedEventException("not an integration event", e);
        }
    }

    public InvoiceData invoice(IntegrationEvent event) {
        try {
            InvoiceData invoice = invoices.readValue(event.data());
            if (invoice == null || invoice.id() == null || invoice.status() == null || invoice.currency() == null) {
                throw new MalformedEventException("event " + event.id() + " carries no invoice snapshot", null);
            }
            return invoice;
        } catch (IOException e) {
            throw new MalformedEventException("event " + event.id() + " has unreadable invoice data", e);
        }
    }

    public CreditNoteData creditNote(IntegrationEvent event) {
        try {
            CreditNoteData note = mapper.readerFor(CreditNoteData.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event.data());
            if (note == null || note.id() == null || note.number() == null || note.currency() == null) {
                throw new MalformedEventException("event " + event.id() + " carries no credit note", null);
            }
            return note;
        } catch (IOException e) {
            throw new MalformedEventException("event " + event.id() + " has unreadable credit note data", e);
        }
    }

    /** A credit note as stored with its render. */
    public CreditNoteData creditNote(String storedJson) {
        try {
            return mapper.readerFor(CreditNoteData.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(storedJson);
        } catch (IOException e) {
            throw new IllegalStateException("stored credit note is unreadable", e);
        }
    }

    public InvoiceData invoice(String snapshotJson) {
        try {
            return invoices.readValue(snapshotJson);
        } catch (IOException e) {
            throw new IllegalStateException("stored snapshot is unreadable", e);
        }
    }

    public String write(InvoiceData invoice) {
        try {
            return mapper.writeValueAsString(invoice);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write invoice " + invoice.id(), e);
        }
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }
}
