package io.billstream.invoice.recurring.web;

import jakarta.validation.Validator;
import io.billstream.invoice.invoicing.web.CreateInvoiceRequest;
import io.billstream.invoice.invoicing.web.LineItemRequest;
import io.billstream.invoice.recurring.domain.RecurringRules;
import io.billstream.invoice.invoicing.web.InvoiceInput;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Input of API contract §11: the invoice-shaped fields are checked by the invoice rules (one set of rules for lines,
 * money, texts and metadata), the schedule fields by {@link RecurringRules}; every problem in one 422.
 */
final class RecurringInvoiceInput {

    private RecurringInvoiceInput() {
    }

    static List<FieldViolation> create(Validator validator, CreateRecurringInvoiceRequest body, Currency currency,
                                       LocalDate today) {
        List<FieldViolation> errors = new ArrayList<>(invoiceShape(validator, body.customerId(), body.currency(),
                body.lineItems(), body.notes(), body.terms(), body.dueInDays(), body.lateFeePercentPerMonth(),
                body.reference(), body.metadata(), currency));
        if (body.lineItems() == null || body.lineItems().isEmpty()) {
            errors.add(new FieldViolation("lineItems", "must have at least 1 item"));
        }
        errors.addAll(RecurringRules.schedule(body.interval(), body.intervalCount(), body.anchorDate(),
                body.endAfterRuns(), body.endDate(), today));
        errors.addAll(RecurringRules.mode(body.mode()));
        return errors;
    }

    static void update(Validator validator, UpdateRecurringInvoiceRequest body, Currency currency) {
        List<FieldViolation> errors = new ArrayList<>();
        String fixed = "cannot be changed; cancel this schedule and create a new one";
        if (body.customerId() != null) {
            errors.add(new FieldViolation("customerId", fixed));
        }
        if (body.currency() != null) {
            errors.add(new FieldViolation("currency", fixed));
        }
        if (body.interval() != null) {
            errors.add(new FieldViolation("interval", fixed));
        }
        if (body.intervalCount() != null) {
            errors.add(new FieldViolation("intervalCount", fixed));
        }
        if (body.anchorDate() != null) {
            errors.add(new FieldViolation("anchorDate", fixed));
        }
        // customerId is required by the invoice rules; a PATCH keeps the schedule's own.
        errors.addAll(invoiceShape(validator, "unchanged", null, body.lineItems(), body.notes(), body.terms(),
                body.dueInDays(), body.lateFeePercentPerMonth(), body.reference(), body.metadata(), currency));
        if (body.lineItems() != null && body.lineItems().isEmpty()) {
            errors.add(new FieldViolation("lineItems", "must have at least 1 item"));
        }
        if (body.endAfterRuns() != null && body.endDate() != null) {
            errors.add(new FieldViolation("endDate", "give either endAfterRuns or endDate, not both"));
        }
        if (body.endAfterRuns() != null && (body.endAfterRuns() < 1
                || body.endAfterRuns() > RecurringRules.MAX_END_AFTER_RUNS)) {
            errors.add(new FieldViolation("endAfterRuns", "must be between 1 and " + RecurringRules.MAX_END_AFTER_RUNS));
        }
        errors.addAll(RecurringRules.mode(body.mode()));
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    private static List<FieldViolation> invoiceShape(Validator validator, String customerId, String currencyCode,
                                                     List<LineItemRequest> lines, String notes, String terms,
                                                     Integer dueInDays, java.math.BigDecimal lateFee, String reference,
                                                     java.util.Map<String, String> metadata, Currency currency) {
        return InvoiceInput.violations(validator, new CreateInvoiceRequest(customerId, currencyCode, lines, notes,
                terms, dueInDays, null, lateFee, reference, metadata), currency);
    }
}
