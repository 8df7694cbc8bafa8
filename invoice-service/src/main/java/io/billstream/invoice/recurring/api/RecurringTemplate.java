package io.billstream.invoice.recurring.api;

import io.billstream.invoice.invoicing.api.LineItem;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What each run's invoice is made of (API contract §11). Defaults from the tenant's settings are resolved when the
 * schedule is created, as for a draft invoice, so a run never depends on settings read at run time except the
 * seller and number format, which are snapshotted at issue like any invoice's.
 *
 * @param mode "issue" (issued on the run date) or "draft" (left for hours to be added)
 */
public record RecurringTemplate(String currency, List<LineItem> lineItems, String mode, boolean sendOnIssue,
                                Integer dueInDays, String notes, String terms, String reference,
                                BigDecimal lateFeePercentPerMonth, Map<String, String> metadata) {

    public static final String MODE_ISSUE = "issue";
    public static final String MODE_DRAFT = "draft";
}
