package io.billstream.invoice.invoicing.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.PartyData;

import java.util.List;

/** {@code recurring} and {@code sendOnIssue} were added later: events stored before read as null and false. */
public record InvoiceCreated(String invoiceId, String tenantId, DraftTerms draft, PartyData customer,
                             List<LineItem> lineItems, RecurringRunRef recurring, boolean sendOnIssue)
        implements InvoiceEvent {

    @JsonCreator
    public InvoiceCreated {
    }

    public InvoiceCreated(String invoiceId, String tenantId, DraftTerms draft, PartyData customer,
                          List<LineItem> lineItems) {
        this(invoiceId, tenantId, draft, customer, lineItems, null, false);
    }
}
