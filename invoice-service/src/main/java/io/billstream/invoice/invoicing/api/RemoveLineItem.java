package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveLineItem(@TargetAggregateIdentifier String invoiceId, String lineItemId) {
}
