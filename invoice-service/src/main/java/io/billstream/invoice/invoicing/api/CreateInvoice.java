package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.PartyData;

import java.util.List;

/**
 * {@code recurring} names the schedule run that creates this invoice (null when created by hand);
 * {@code sendOnIssue} asks for the invoice to be emailed once issued (API contract §11/§12).
 */
public record CreateInvoice(String invoiceId, DraftTerms draft, PartyData customer, List<LineItem> lineItems,
                            RecurringRunRef recurring, boolean sendOnIssue) {

    public CreateInvoice(String invoiceId, DraftTerms draft, PartyData customer, List<LineItem> lineItems) {
        this(invoiceId, draft, customer, lineItems, null, false);
    }
}
