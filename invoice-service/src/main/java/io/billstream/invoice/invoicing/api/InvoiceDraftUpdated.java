package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.PartyData;

/** Only the fields that changed are set (see {@link DraftTerms}); {@code customer} with a new customerId. */
public record InvoiceDraftUpdated(String invoiceId, DraftTerms changes, PartyData customer) implements InvoiceEvent {
}
