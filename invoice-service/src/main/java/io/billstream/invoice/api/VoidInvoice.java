package io.billstream.invoice.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VoidInvoice(@TargetAggregateIdentifier String invoiceId, String reason) {
}
