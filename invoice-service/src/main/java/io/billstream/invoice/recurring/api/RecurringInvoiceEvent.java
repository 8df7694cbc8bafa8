package io.billstream.invoice.recurring.api;

/** Every domain event of the RecurringInvoice aggregate; folding code switches over them exhaustively. */
public sealed interface RecurringInvoiceEvent permits RecurringInvoiceCreated, RecurringInvoiceUpdated,
        RecurringInvoicePaused, RecurringInvoiceResumed, RecurringInvoiceCancelled, RecurringInvoiceCompleted,
        RecurringInvoiceRan {

    String recurringInvoiceId();
}
