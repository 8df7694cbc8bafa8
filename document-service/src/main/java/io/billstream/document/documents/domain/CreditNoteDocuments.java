package io.billstream.document.documents.domain;

import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.DocumentData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The PDF of each credit note, rendered from credit_note.issued alone (the event is a self-contained
 * snapshot). A credit note never changes, so it is rendered once: the processed mark (by event id), the stored render
 * and its {@code document.generated} outbox row commit together, and the unique key keeps a second render (another
 * instance, a re-sent event) out.
 */
@Service
public class CreditNoteDocuments {

    private final InvoicePdf pdf;
    private final CreditNoteRenders renders;
    private final ProcessedEvents processed;
    private final OutboxWriter outbox;
    private final InvoiceJson json;
    private final Timer renderTime;
    private final TransactionTemplate tx;

    public CreditNoteDocuments(InvoicePdf pdf, CreditNoteRenders renders, ProcessedEvents processed,
                               OutboxWriter outbox, InvoiceJson json, MeterRegistry registry,
                               PlatformTransactionManager transactions) {
        this.pdf = pdf;
        this.tx = new TransactionTemplate(transactions);
        this.renders = renders;
        this.processed = processed;
        this.outbox = outbox;
        this.json = json;
        this.renderTime = Timer.builder("billstream.pdf.render")
                .description("Time to render one invoice PDF (HTML to PDF)")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Like invoice renders (docs/document-service.md), the render runs outside any transaction and holds no
     * connection: decide in a rolled-back transaction, render, then mark, store and announce in one transaction,
     * deciding again there (another instance may have stored it meanwhile).
     */
    public void apply(IntegrationEvent event, CreditNoteData note) {
        Boolean needed = tx.execute(status -> {
            status.setRollbackOnly();
            return processed.markProcessed(InvoiceDocuments.CONSUMER, event.id())
                    && find(event.tenantId(), note.id()).isEmpty();
        });
        byte[] content = Boolean.TRUE.equals(needed)
                ? renderTime.record(() -> pdf.pdf(pdf.creditNoteHtml(note))) : null;
        tx.executeWithoutResult(status -> {
            if (!processed.markProcessed(InvoiceDocuments.CONSUMER, event.id()) || content == null) {
                return;
            }
            store(event, note, content);
        });
    }

    private void store(IntegrationEvent event, CreditNoteData note, byte[] content) {
        String id = Ids.newId("doc");
        String sha = Sha256.hex(content);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!renders.insert(id, event.tenantId(), note.id(), note.invoiceId(), note.number(),
                json.tree(note).toString(), content, sha, now)) {
            return;
        }
        DocumentData data = new DocumentData(id, note.invoiceId(), note.number(), event.sequence(), sha,
                content.length, InvoiceDocuments.CONTENT_TYPE, now, note.id());
        outbox.write(note.invoiceId(), IntegrationEvent.of(EventIds.newEventId(), InvoiceDocuments.SOURCE,
                EventTypes.DOCUMENT_GENERATED, note.invoiceId(), now, event.tenantId(), event.sequence(),
                json.tree(data)));
    }

    /** The stored PDF of a tenant's credit note, without its bytes. */
    public Optional<StoredPdf> find(String tenant, String creditNoteId) {
        return renders.find(tenant, creditNoteId);
    }

    public byte[] content(StoredPdf stored) {
        return renders.content(stored.renderId());
    }

    /** {@code credit-note-CN-2026-001.pdf}. */
    public static String filename(StoredPdf stored) {
        return "credit-note-" + stored.invoiceNumber().replaceAll("[^A-Za-z0-9._-]", "-") + ".pdf";
    }
}
