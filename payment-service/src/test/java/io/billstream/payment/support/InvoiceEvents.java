package io.billstream.payment.support;

import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.testsupport.KafkaProbe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Produces invoice.* events onto {@link Topics#INVOICE} as invoice-service would (key = invoice id). */
public final class InvoiceEvents {

    private final KafkaProbe probe;
    private final IntegrationEventCodec codec;

    public InvoiceEvents(KafkaProbe probe, IntegrationEventCodec codec) {
        this.probe = probe;
        this.codec = codec;
    }

    /** One invoice's state as a test drives it; each event built from it carries the next version. */
    public static final class Invoice {
        public final String id = Ids.newId("inv");
        public final String tenant;
        public final String currency;
        public String total;
        public String status = "draft";
        /** amountCredited of the events: the sum of the invoice's credit notes (docs/api-reference.md §13). */
        public String credited = "0.00";
        public long version;

        Invoice(String tenant, String currency, String total) {
            this.tenant = tenant;
            this.currency = currency;
            this.total = total;
        }
    }

    public Invoice draft(String tenant, String currency, String total) {
        return new Invoice(tenant, currency, total);
    }

    /** A new invoice, created and issued (two events), returned once both are sent. */
    public Invoice issued(String tenant, String currency, String total) {
        Invoice invoice = draft(tenant, currency, total);
        send(next(invoice, EventTypes.INVOICE_CREATED, "draft", total));
        send(next(invoice, EventTypes.INVOICE_ISSUED, "open", total));
        return invoice;
    }

    /** Advances the invoice and builds (does not send) the event of that change. */
    public IntegrationEvent next(Invoice invoice, String type, String status, String total) {
        invoice.version++;
        invoice.status = status;
        invoice.total = total;
        return event(invoice, type);
    }

    public IntegrationEvent event(Invoice invoice, String type) {
        InvoiceData data = new InvoiceData(invoice.id, "2026-001", invoice.status, "cus_test", null, null,
                invoice.currency, List.of(), invoice.total, List.of(), "0.00", "0.00", invoice.total, "0.00",
                invoice.total, LocalDate.now(), LocalDate.now().plusDays(14), null, null, null, null, null, Map.of(),
                14, "0", invoice.version, Instant.now(), Instant.now(), Map.of(), null, null, false, null, invoice.credited);
        return IntegrationEvent.of(EventIds.newEventId(), "billstream/invoice-service", type, invoice.id,
                Instant.now(), invoice.tenant, invoice.version, codec.toTree(data));
    }

    /**
     * A credit note of {@code total} on the invoice as invoice-service publishes it: invoice.updated with the new
     * amountCredited, then credit_note.issued with {@code refundAmount} to pay back. Built, not sent.
     */
    public List<IntegrationEvent> creditNote(Invoice invoice, String creditNoteId, String total, String refundAmount) {
        invoice.credited = new java.math.BigDecimal(invoice.credited).add(new java.math.BigDecimal(total))
                .toPlainString();
        IntegrationEvent updated = next(invoice, EventTypes.INVOICE_UPDATED, invoice.status, invoice.total);
        String credited = new java.math.BigDecimal(total).subtract(new java.math.BigDecimal(refundAmount))
                .toPlainString();
        CreditNoteData note = new CreditNoteData(creditNoteId, "CN-2026-001", invoice.id, "2026-001",
                LocalDate.now(), "cus_test", null, null, invoice.currency, List.of(), total, List.of(), "0.00", total,
                credited, refundAmount, "0.00", "pending", "other", null, LocalDate.now(), Instant.now());
        IntegrationEvent issued = IntegrationEvent.of(EventIds.newEventId(), "billstream/invoice-service",
                EventTypes.CREDIT_NOTE_ISSUED, creditNoteId, Instant.now(), invoice.tenant, invoice.version,
                codec.toTree(note));
        return List.of(updated, issued);
    }

    /** Under another record key, e.g. an invoice's, so the event follows that invoice's events on their partition. */
    public void send(String key, IntegrationEvent event) {
        probe.send(Topics.INVOICE, key, codec.encode(event));
    }

    public void send(IntegrationEvent event) {
        probe.send(Topics.INVOICE, event.subject(), codec.encode(event));
    }
}
