package io.billstream.invoice.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddLineItem(@TargetAggregateIdentifier String invoiceId, LineItem lineItem) {
}
