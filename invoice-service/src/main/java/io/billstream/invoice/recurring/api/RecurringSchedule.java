package io.billstream.invoice.recurring.api;

import java.time.LocalDate;

/**
 * When runs happen: every {@code intervalCount} {@code interval}s ("week", "month", "quarter", "year") from
 * {@code anchorDate}, ending after {@code endAfterRuns} invoices or with the last run on or before {@code endDate}
 * (at most one of the two; neither means until cancelled).
 */
public record RecurringSchedule(String interval, int intervalCount, LocalDate anchorDate, Integer endAfterRuns,
                                LocalDate endDate) {
}
