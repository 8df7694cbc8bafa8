package io.billstream.invoice.invoicing.api;

import io.billstream.platform.concurrency.ExpectedVersion;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateLineItem(@TargetAggregateIdentifier String invoiceId, String lineItemId, LineItemPatch patch,
                             ExpectedVersion expectedVersion) {

    /** No {@code If-Match}: any version. */
    public UpdateLineItem {
        expectedVersion = expectedVersion == null ? ExpectedVersion.ANY : expectedVersion;
    }
}
