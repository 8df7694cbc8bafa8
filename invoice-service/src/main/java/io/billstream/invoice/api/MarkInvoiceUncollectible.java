package io.billstream.invoice.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkInvoiceUncollectible(@TargetAggregateIdentifier String invoiceId) {
}
