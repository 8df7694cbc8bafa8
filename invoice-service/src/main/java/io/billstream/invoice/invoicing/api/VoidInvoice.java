package io.billstream.invoice.invoicing.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VoidInvoice(@TargetAggregateIdentifier String invoiceId, String reason) {
}
