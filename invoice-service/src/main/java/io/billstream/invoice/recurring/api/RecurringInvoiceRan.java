package io.billstream.invoice.recurring.api;

import java.time.LocalDate;

/** Run {@code runNumber} (1, 2, …) created invoice {@code invoiceId} for {@code runDate}. */
public record RecurringInvoiceRan(String recurringInvoiceId, int runNumber, LocalDate runDate, String invoiceId)
        implements RecurringInvoiceEvent {
}
