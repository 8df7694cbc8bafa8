package io.billstream.invoice.recurring.api;

import io.billstream.platform.events.data.LineItemData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/recurring-invoices/{id}} (API contract §11), also the {@code data} of {@code recurring_invoice.*} events. */
public record RecurringInvoiceView(String id, String status, String customerId, String currency,
                                       List<LineItemData> lineItems, String interval, int intervalCount,
                                       LocalDate anchorDate, Integer endAfterRuns, LocalDate endDate, String mode,
                                       boolean sendOnIssue, Integer dueInDays, String notes, String terms,
                                       String reference, String lateFeePercentPerMonth, Map<String, String> metadata,
                                       LocalDate nextRunDate, int runs, String lastInvoiceId, String pausedReason,
                                       long version, Instant createdAt, Instant updatedAt) {
}
