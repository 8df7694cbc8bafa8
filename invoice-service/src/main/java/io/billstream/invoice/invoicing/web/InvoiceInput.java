package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemPatch;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * What is left of invoice input checking once the request bodies carry their Bean Validation constraints
 * ({@link InvoiceConstraints}): the unit price's decimal places, which depend on the invoice's currency (the body's or
 * the tenant's default from settings), and the mapping of request lines to the commands' line items.
 */
public final class InvoiceInput {

    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 currency code";

    private InvoiceInput() {
    }

    /**
     * Every violation of a create body, constraints and currency-dependent rules together, so one 422 lists every
     * problem (a recurring schedule adds its own rules to the list).
     */
    public static List<FieldViolation> violations(Validator validator, CreateInvoiceRequest body, Currency currency) {
        List<FieldViolation> errors = new ArrayList<>();
        validator.validate(body, Default.class, InvoiceConstraints.Complete.class).stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(new FieldViolation(v.getPropertyPath().toString(), v.getMessage())));
        errors.addAll(unitPriceDecimals(body.lineItems(), currency));
        return errors;
    }

    /** The unit prices of {@code lines} against the minor units of {@code currency} (none when it is unknown). */
    static List<FieldViolation> unitPriceDecimals(List<LineItemRequest> lines, Currency currency) {
        if (lines == null || currency == null) {
            return List.of();
        }
        int digits = CurrencyCodes.minorDigits(currency);
        List<FieldViolation> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LineItemRequest line = lines.get(i);
            if (line != null && line.unitPrice() != null && line.unitPrice().signum() >= 0
                    && line.unitPrice().compareTo(InvoiceConstraints.MAX_UNIT_PRICE) < 0
                    && InvoiceConstraints.scale(line.unitPrice()) > digits) {
                errors.add(new FieldViolation("lineItems[" + i + "].unitPrice", "must have at most " + digits
                        + " decimal places for " + currency.getCurrencyCode()));
            }
        }
        return errors;
    }

    static void throwIfAny(List<FieldViolation> errors) {
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
    }

    public static LineItem toLine(LineItemRequest r) {
        return new LineItem(Ids.newId("li"), r.description(), r.kind(), r.quantity(), r.unit(), r.unitPrice(),
                r.taxRatePercent(), r.reference(), r.period(), r.taxCategory(), blankToNull(r.taxExemptionReason()));
    }

    static LineItemPatch toPatch(LineItemRequest r) {
        return new LineItemPatch(r.description(), r.kind(), r.quantity(), r.unit(), r.unitPrice(),
                r.taxRatePercent(), r.reference(), r.period(), r.taxCategory(), blankToNull(r.taxExemptionReason()));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
