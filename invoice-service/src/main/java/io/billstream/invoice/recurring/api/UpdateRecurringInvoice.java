package io.billstream.invoice.recurring.api;

import io.billstream.platform.concurrency.ExpectedVersion;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PATCH: changes future runs only; {@code expectedVersion} from {@code If-Match}. */
public record UpdateRecurringInvoice(@TargetAggregateIdentifier String recurringInvoiceId, RecurringChanges changes,
                                     ExpectedVersion expectedVersion) {

    /** No {@code If-Match}: any version. */
    public UpdateRecurringInvoice {
        expectedVersion = expectedVersion == null ? ExpectedVersion.ANY : expectedVersion;
    }
}
