package io.billstream.document.documents.domain.render;

import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;

/** Invoice snapshot → page (XHTML) → PDF. Thread-safe; one instance serves the whole service. */
public class InvoicePdf {

    private final InvoiceHtml template;
    private final PdfRenderer renderer;
    private final CreditNoteHtml creditNotes;

    public InvoicePdf() {
        this(new InvoiceHtml(new MarkdownHtml()), new PdfRenderer());
    }

    public InvoicePdf(InvoiceHtml template, PdfRenderer renderer) {
        this.template = template;
        this.renderer = renderer;
        this.creditNotes = new CreditNoteHtml(template);
    }

    /** The credit note page, same layout and fonts as invoices. */
    public String creditNoteHtml(CreditNoteData note) {
        return creditNotes.render(note);
    }

    public String html(InvoiceData invoice) {
        return template.render(invoice);
    }

    public byte[] pdf(String html) {
        return renderer.render(html);
    }

    /** The same page as PDF/A-3b, the base of a Factur-X document. */
    public byte[] pdfA3(String html) {
        return renderer.render(html, true);
    }

    public byte[] pdf(InvoiceData invoice) {
        return pdf(html(invoice));
    }
}
