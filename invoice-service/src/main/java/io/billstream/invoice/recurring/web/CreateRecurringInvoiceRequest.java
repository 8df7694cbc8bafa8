package io.billstream.invoice.recurring.web;

import io.billstream.invoice.invoicing.web.LineItemRequest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public record CreateRecurringInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems,
                                            String interval, Integer intervalCount, LocalDate anchorDate,
                                            Integer endAfterRuns, LocalDate endDate, String mode, Boolean sendOnIssue,
                                            Integer dueInDays, String notes, String terms, String reference,
                                            BigDecimal lateFeePercentPerMonth, Map<String, String> metadata) {
}
