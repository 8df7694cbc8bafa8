package io.billstream.document.documents.domain;

import java.util.Optional;

/** The stored PDFs of invoices; a render is never updated once stored. */
public interface InvoiceRenders {

    /** Stores a render; false if this invoice version was rendered already (by another instance, or on demand). */
    boolean insert(RenderRow row, byte[] content);

    /**
     * Stores a render unless the invoice's newest render already shows its page (same page hash), or this invoice
     * version was rendered already; true if stored. The check and the insert are one statement.
     */
    boolean insertUnlessShown(RenderRow row, byte[] content);

    /** The newest render of an invoice, whatever it shows. */
    Optional<RenderRow> newest(String tenantId, String invoiceId);

    /** The newest render that shows this page (same page hash). */
    Optional<RenderRow> newestShowing(String tenantId, String invoiceId, String pageSha256);

    Optional<RenderRow> ofVersion(String tenantId, String invoiceId, long invoiceVersion);

    byte[] content(String renderId);
}
