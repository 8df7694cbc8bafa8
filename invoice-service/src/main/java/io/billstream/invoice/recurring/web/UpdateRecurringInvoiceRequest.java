package io.billstream.invoice.recurring.web;

import io.billstream.invoice.invoicing.web.LineItemRequest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * PATCH body. {@code customerId}, {@code currency}, {@code interval}, {@code intervalCount} and {@code anchorDate}
 * are accepted only to be refused with a clear 422: they would change past runs' meaning (create a new schedule).
 */
public record UpdateRecurringInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems,
                                            String interval, Integer intervalCount, LocalDate anchorDate,
                                            Integer endAfterRuns, LocalDate endDate, String mode, Boolean sendOnIssue,
                                            Integer dueInDays, String notes, String terms, String reference,
                                            BigDecimal lateFeePercentPerMonth, Map<String, String> metadata) {
}
