package io.billstream.invoice.recurring.api;

import java.time.LocalDate;

/** The template and end as they stand after a PATCH (already merged, so folding needs no rules). */
public record RecurringInvoiceUpdated(String recurringInvoiceId, RecurringTemplate template, Integer endAfterRuns,
                                      LocalDate endDate) implements RecurringInvoiceEvent {
}
