package io.billstream.document.einvoice.domain;

import io.billstream.document.documents.domain.CreditNoteRenders;
import io.billstream.document.documents.domain.InvoiceJson;
import io.billstream.document.documents.domain.InvoiceSnapshots;
import io.billstream.document.documents.domain.SnapshotRow;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.ids.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * E-invoices of invoices and credit notes (the API contract §14), rendered on demand from the snapshot document-service already
 * holds and cached beside the PDF renders. A render is keyed by the hash of its input (the e-invoice data and, for
 * Factur-X, the visible page), so a payment, a late fee or a void that changes what it shows renders it again, and
 * nothing else does. Renders run outside any transaction, like PDF renders.
 */
@Service
public class EInvoiceDocuments {

    /** A stored e-invoice ready to serve; the bytes are read only for a 200. */
    public record Served(String renderId, String filename, String sha256, String contentType) {
        public String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    private final InvoiceSnapshots snapshots;
    private final CreditNoteRenders creditNotes;
    private final EInvoiceRenders renders;
    private final InvoiceJson json;
    private final InvoicePdf pdf;
    private final MeterRegistry registry;

    public EInvoiceDocuments(InvoiceSnapshots snapshots, CreditNoteRenders creditNotes, EInvoiceRenders renders, InvoiceJson json,
                             InvoicePdf pdf, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.creditNotes = creditNotes;
        this.renders = renders;
        this.json = json;
        this.pdf = pdf;
        this.registry = registry;
    }

    /** Empty for unknown ids, drafts and other tenants' invoices; throws when the invoice lacks EN 16931 data. */
    public Optional<Served> invoice(String tenant, String invoiceId, EInvoiceSyntax syntax) {
        Optional<SnapshotRow> row = snapshots.find(tenant, invoiceId);
        if (row.isEmpty() || "draft".equals(row.get().status())) {
            return Optional.empty();
        }
        InvoiceData invoice = json.invoice(row.get().data());
        EInvoiceSource source = EInvoiceSource.of(invoice);
        String prefix = "invoice-" + safe(invoice.number());
        return Optional.of(serve(tenant, invoiceId, invoice.number(), syntax, source, prefix,
                () -> pdf.html(invoice)));
    }

    /** Empty for unknown ids and other tenants' credit notes (known once its PDF is, from credit_note.issued). */
    public Optional<Served> creditNote(String tenant, String creditNoteId, EInvoiceSyntax syntax) {
        Optional<String> data = creditNotes.noteJson(tenant, creditNoteId);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        CreditNoteData note = json.creditNote(data.get());
        EInvoiceSource source = EInvoiceSource.of(note);
        String prefix = "credit-note-" + safe(note.number());
        return Optional.of(serve(tenant, creditNoteId, note.number(), syntax, source, prefix,
                () -> pdf.creditNoteHtml(note)));
    }

    public byte[] content(Served served) {
        return renders.content(served.renderId());
    }

    private Served serve(String tenant, String documentId, String number, EInvoiceSyntax syntax,
                         EInvoiceSource source, String filenamePrefix, Supplier<String> page) {
        String html = syntax == EInvoiceSyntax.FACTURX ? page.get() : "";
        String sourceSha = Sha256.hex(syntax.wire() + "\n" + json.tree(source) + "\n" + html);
        String filename = filenamePrefix + (syntax == EInvoiceSyntax.FACTURX ? "-facturx.pdf"
                : "-" + syntax.wire() + ".xml");
        String type = syntax == EInvoiceSyntax.FACTURX ? "application/pdf" : "application/xml";
        Optional<EInvoiceRenders.Stored> stored = renders.find(tenant, documentId, syntax.wire());
        if (stored.isPresent() && stored.get().sourceSha256().equals(sourceSha)) {
            return new Served(stored.get().id(), filename, stored.get().sha256(), type);
        }
        byte[] content = registry.timer("billstream.einvoice.render", "syntax", syntax.wire()).record(() ->
                syntax == EInvoiceSyntax.FACTURX ? EInvoiceWriter.facturX(source, pdf.pdfA3(html))
                        : EInvoiceWriter.xml(source, syntax));
        String id = Ids.newId("doc");
        String sha = Sha256.hex(content);
        renders.save(id, tenant, documentId, syntax.wire(), number, sourceSha, content, sha,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new Served(id, filename, sha, type);
    }

    private static String safe(String number) {
        return number == null ? "draft" : number.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
