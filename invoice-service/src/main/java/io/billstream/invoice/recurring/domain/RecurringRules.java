package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.errors.FieldViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The schedule's own rules (API contract §11), as field violations so the API can list them with the invoice-shape ones
 * in one 422, and the aggregate can refuse a command that skipped the API.
 */
public final class RecurringRules {

    public static final int MAX_ANCHOR_DAYS_BACK = 90;
    public static final int MAX_END_AFTER_RUNS = 1000;
    public static final Set<String> MODES = Set.of(RecurringTemplate.MODE_ISSUE, RecurringTemplate.MODE_DRAFT);

    private RecurringRules() {
    }

    public static List<FieldViolation> schedule(String interval, Integer intervalCount, LocalDate anchorDate,
                                                Integer endAfterRuns, LocalDate endDate, LocalDate today) {
        List<FieldViolation> errors = new ArrayList<>();
        if (interval == null || !RunCalendar.INTERVALS.contains(interval)) {
            errors.add(new FieldViolation("interval", "must be one of month, quarter, week, year"));
        }
        if (intervalCount != null && (intervalCount < RunCalendar.MIN_COUNT || intervalCount > RunCalendar.MAX_COUNT)) {
            errors.add(new FieldViolation("intervalCount",
                    "must be between " + RunCalendar.MIN_COUNT + " and " + RunCalendar.MAX_COUNT));
        }
        if (anchorDate == null) {
            errors.add(new FieldViolation("anchorDate", "is required"));
        } else if (anchorDate.isBefore(today.minusDays(MAX_ANCHOR_DAYS_BACK))) {
            errors.add(new FieldViolation("anchorDate", "must be at most " + MAX_ANCHOR_DAYS_BACK + " days back"));
        }
        if (endAfterRuns != null && endDate != null) {
            errors.add(new FieldViolation("endDate", "give either endAfterRuns or endDate, not both"));
        }
        if (endAfterRuns != null && (endAfterRuns < 1 || endAfterRuns > MAX_END_AFTER_RUNS)) {
            errors.add(new FieldViolation("endAfterRuns", "must be between 1 and " + MAX_END_AFTER_RUNS));
        }
        if (endDate != null && anchorDate != null && endDate.isBefore(anchorDate)) {
            errors.add(new FieldViolation("endDate", "must not be before anchorDate"));
        }
        return errors;
    }

    public static List<FieldViolation> mode(String mode) {
        return mode == null || MODES.contains(mode) ? List.of()
                : List.of(new FieldViolation("mode", "must be one of draft, issue"));
    }

    /** 1–500 lines, each priced in at most the currency's minor digits. */
    public static List<FieldViolation> lines(List<LineItem> lines, Currency currency) {
        List<FieldViolation> errors = new ArrayList<>();
        if (lines == null || lines.isEmpty()) {
            errors.add(new FieldViolation("lineItems", "must have at least 1 item"));
            return errors;
        }
        if (lines.size() > Invoice.MAX_LINE_ITEMS) {
            errors.add(new FieldViolation("lineItems", "must have at most " + Invoice.MAX_LINE_ITEMS + " items"));
            return errors;
        }
        int digits = CurrencyCodes.minorDigits(currency);
        for (int i = 0; i < lines.size(); i++) {
            if (Math.max(0, lines.get(i).unitPrice().stripTrailingZeros().scale()) > digits) {
                errors.add(new FieldViolation("lineItems[" + i + "].unitPrice", "must have at most " + digits
                        + " decimal places for " + currency.getCurrencyCode()));
            }
        }
        return errors;
    }
}
