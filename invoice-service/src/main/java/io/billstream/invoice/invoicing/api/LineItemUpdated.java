package io.billstream.invoice.invoicing.api;

/** Carries the whole line after the change, so folding never merges patches. */
public record LineItemUpdated(String invoiceId, LineItem lineItem) implements InvoiceEvent {
}
