package io.billstream.invoice.api;

import io.billstream.platform.events.data.PartyData;

import java.util.List;

public record InvoiceCreated(String invoiceId, String tenantId, DraftTerms draft, PartyData customer,
                             List<LineItem> lineItems) implements InvoiceEvent {
}
