package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkInvoiceUncollectible(@TargetAggregateIdentifier String invoiceId) {
}
