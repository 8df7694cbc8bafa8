package io.billstream.invoice.recurring.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PATCH: changes future runs only; {@code expectedVersion} from {@code If-Match}, null for any. */
public record UpdateRecurringInvoice(@TargetAggregateIdentifier String recurringInvoiceId, RecurringChanges changes,
                                     Long expectedVersion) {
}
