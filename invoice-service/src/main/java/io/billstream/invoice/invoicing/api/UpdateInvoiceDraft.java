package io.billstream.invoice.invoicing.api;

import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.platform.events.data.PartyData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code customer} is the new bill-to snapshot when {@code changes.customerId} names another customer. */
public record UpdateInvoiceDraft(@TargetAggregateIdentifier String invoiceId, DraftTerms changes, PartyData customer,
                                 ExpectedVersion expectedVersion) {

    /** No {@code If-Match}: any version. */
    public UpdateInvoiceDraft {
        expectedVersion = expectedVersion == null ? ExpectedVersion.ANY : expectedVersion;
    }
}
