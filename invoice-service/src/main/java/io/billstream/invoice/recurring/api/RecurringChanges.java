package io.billstream.invoice.recurring.api;

import io.billstream.invoice.invoicing.api.LineItem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A PATCH of a schedule: null leaves a field unchanged; {@code endAfterRuns} and {@code endDate} replace each other. */
public record RecurringChanges(List<LineItem> lineItems, String mode, Boolean sendOnIssue, Integer dueInDays,
                               String notes, String terms, String reference, BigDecimal lateFeePercentPerMonth,
                               Map<String, String> metadata, Integer endAfterRuns, LocalDate endDate) {

    public static final RecurringChanges NONE =
            new RecurringChanges(null, null, null, null, null, null, null, null, null, null, null);
}
