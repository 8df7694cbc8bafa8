package io.billstream.invoice.api;

import io.billstream.platform.events.data.PartyData;

import java.util.List;

public record CreateInvoice(String invoiceId, DraftTerms draft, PartyData customer, List<LineItem> lineItems) {
}
