package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddLineItem(@TargetAggregateIdentifier String invoiceId, LineItem lineItem) {
}
