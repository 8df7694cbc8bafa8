package io.billstream.invoice.recurring.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelRecurringInvoice(@TargetAggregateIdentifier String recurringInvoiceId) {
}
