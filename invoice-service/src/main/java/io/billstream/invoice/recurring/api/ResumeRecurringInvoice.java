package io.billstream.invoice.recurring.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResumeRecurringInvoice(@TargetAggregateIdentifier String recurringInvoiceId) {
}
