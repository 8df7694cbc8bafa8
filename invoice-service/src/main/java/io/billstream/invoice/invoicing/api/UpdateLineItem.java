package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateLineItem(@TargetAggregateIdentifier String invoiceId, String lineItemId, LineItemPatch patch,
                             Long expectedVersion) {
}
