package io.billstream.invoice.invoicing.api;

/** Every domain event of the Invoice aggregate; the folding code switches over them exhaustively. */
public sealed interface InvoiceEvent permits InvoiceCreated, InvoiceDraftUpdated, LineItemAdded, LineItemUpdated,
        LineItemRemoved, DraftInvoiceDeleted, InvoiceIssued, InvoiceVoided, InvoiceMarkedUncollectible,
        PaymentApplied, InvoicePaid, RefundApplied, InvoiceBecameOverdue, LateFeeAssessed, CreditNoteIssued,
        CreditNoteRefundFailed {

    String invoiceId();
}
