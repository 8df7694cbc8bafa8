package io.billstream.invoice.recurring.domain;

import java.time.LocalDate;

/**
 * The payload of a run deadline. Both the run number and the date must match the schedule's next run for the
 * firing to act, so a repeated, stale (paused, resumed) or superseded firing changes nothing.
 */
public record RunDue(String recurringInvoiceId, int runNumber, LocalDate runDate) {
}
