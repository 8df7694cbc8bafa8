package io.billstream.invoice.web;

import io.billstream.invoice.api.CreateInvoiceRequest;
import io.billstream.invoice.api.LineItem;
import io.billstream.invoice.api.LineItemPatch;
import io.billstream.invoice.api.LineItemRequest;
import io.billstream.invoice.api.UpdateInvoiceRequest;
import io.billstream.invoice.domain.Invoice;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.web.ApiException;
import io.billstream.platform.web.FieldViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SPEC §2/§5 input rules, collected field by field (paths like {@code lineItems[3].quantity}) so one 422 lists
 * every problem. Only checks that need no stored state live here; the aggregate checks the rest.
 */
public final class InvoiceInput {

    static final Set<String> KINDS = Set.of("service", "expense");
    static final Set<String> UNITS = Set.of("hour", "day", "item", "month");
    /** EN 16931 VAT categories (SPEC §14); all but S are taxed at 0 %, and these need an exemption reason. */
    static final Set<String> TAX_CATEGORIES = Set.of("S", "Z", "E", "AE", "K", "O");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    private static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000000000");
    private static final int MAX_DUE_DAYS = 3650;

    private final List<FieldViolation> errors = new ArrayList<>();

    public static void validateCreate(CreateInvoiceRequest body, Currency currency) {
        InvoiceInput in = new InvoiceInput();
        in.required("customerId", body.customerId());
        in.currency("currency", body.currency());
        in.text("notes", body.notes(), 10_000);
        in.text("terms", body.terms(), 10_000);
        in.terms(body.dueInDays(), body.dueDate() != null);
        in.percent("lateFeePercentPerMonth", body.lateFeePercentPerMonth());
        in.text("reference", body.reference(), 100);
        in.text("buyerReference", body.buyerReference(), 200);
        in.metadata(body.metadata());
        List<LineItemRequest> lines = body.lineItems() == null ? List.of() : body.lineItems();
        if (lines.size() > Invoice.MAX_LINE_ITEMS) {
            in.fail("lineItems", "must have at most " + Invoice.MAX_LINE_ITEMS + " items");
        } else {
            for (int i = 0; i < lines.size(); i++) {
                in.line("lineItems[" + i + "].", lines.get(i), currency, false);
            }
        }
        in.throwIfAny();
    }

    static void validateUpdate(UpdateInvoiceRequest body) {
        InvoiceInput in = new InvoiceInput();
        if (body.customerId() != null) {
            in.required("customerId", body.customerId());
        }
        in.currency("currency", body.currency());
        in.text("notes", body.notes(), 10_000);
        in.text("terms", body.terms(), 10_000);
        in.terms(body.dueInDays(), body.dueDate() != null);
        in.percent("lateFeePercentPerMonth", body.lateFeePercentPerMonth());
        in.text("reference", body.reference(), 100);
        in.text("buyerReference", body.buyerReference(), 200);
        in.metadata(body.metadata());
        in.throwIfAny();
    }

    static void validateLine(LineItemRequest body, boolean patch) {
        InvoiceInput in = new InvoiceInput();
        if (body == null) {
            in.fail("", "a line item is required");
        } else {
            in.line("", body, null, patch);
        }
        in.throwIfAny();
    }

    static void validateReason(String reason) {
        InvoiceInput in = new InvoiceInput();
        in.text("reason", reason, 500);
        in.throwIfAny();
    }

    public static LineItem toLine(LineItemRequest r) {
        return new LineItem(Ids.newId("li"), r.description(), r.kind(), r.quantity(), r.unit(), r.unitPrice(),
                r.taxRatePercent(), r.reference(), r.period(), r.taxCategory(), blankToNull(r.taxExemptionReason()));
    }

    static LineItemPatch toPatch(LineItemRequest r) {
        return new LineItemPatch(r.description(), r.kind(), r.quantity(), r.unit(), r.unitPrice(),
                r.taxRatePercent(), r.reference(), r.period(), r.taxCategory(), blankToNull(r.taxExemptionReason()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private void line(String p, LineItemRequest line, Currency currency, boolean patch) {
        if (!patch || line.description() != null) {
            required(p + "description", line.description());
            text(p + "description", line.description(), 500);
        }
        if (!patch || line.kind() != null) {
            oneOf(p + "kind", line.kind(), KINDS);
        }
        if (line.unit() != null) {
            oneOf(p + "unit", line.unit(), UNITS);
        }
        if (line.quantity() == null) {
            if (!patch) {
                fail(p + "quantity", "is required");
            }
        } else if (line.quantity().signum() <= 0 || line.quantity().compareTo(MAX_QUANTITY) > 0) {
            fail(p + "quantity", "must be greater than 0 and at most " + MAX_QUANTITY.toPlainString());
        } else if (scale(line.quantity()) > 4) {
            fail(p + "quantity", "must have at most 4 decimal places");
        }
        if (line.unitPrice() == null) {
            if (!patch) {
                fail(p + "unitPrice", "is required");
            }
        } else if (line.unitPrice().signum() < 0 || line.unitPrice().compareTo(MAX_UNIT_PRICE) >= 0) {
            fail(p + "unitPrice", "must be at least 0 and below " + MAX_UNIT_PRICE.toPlainString());
        } else if (currency != null && scale(line.unitPrice()) > CurrencyCodes.minorDigits(currency)) {
            fail(p + "unitPrice", "must have at most " + CurrencyCodes.minorDigits(currency)
                    + " decimal places for " + currency.getCurrencyCode());
        }
        percent(p + "taxRatePercent", line.taxRatePercent());
        if (line.taxCategory() != null) {
            oneOf(p + "taxCategory", line.taxCategory(), TAX_CATEGORIES);
        }
        text(p + "taxExemptionReason", line.taxExemptionReason(), 500);
        if (!patch && (line.taxCategory() == null || TAX_CATEGORIES.contains(line.taxCategory()))) {
            LineItem whole = toLine(line);
            String problem = whole.taxCategoryProblem();
            if (problem != null) {
                fail(p + "taxCategory", problem);
            }
            if (whole.missingExemptionReason()) {
                fail(p + "taxExemptionReason", "is required for tax category " + line.taxCategory());
            }
        }
        text(p + "reference", line.reference(), 100);
        if (line.period() != null) {
            if (line.period().start() == null || line.period().end() == null) {
                fail(p + "period", "needs start and end");
            } else if (line.period().end().isBefore(line.period().start())) {
                fail(p + "period.end", "must not be before start");
            }
        }
    }

    private void terms(Integer dueInDays, boolean dueDateGiven) {
        if (dueInDays != null && dueDateGiven) {
            fail("dueDate", "give either dueInDays or dueDate, not both");
        }
        if (dueInDays != null && (dueInDays < 0 || dueInDays > MAX_DUE_DAYS)) {
            fail("dueInDays", "must be between 0 and " + MAX_DUE_DAYS);
        }
    }

    private void currency(String field, String code) {
        if (code != null && !CurrencyCodes.isValid(code)) {
            fail(field, "must be an ISO 4217 currency code");
        }
    }

    private void percent(String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            fail(field, "must be between 0 and 100");
        } else if (scale(value) > 4) {
            fail(field, "must have at most 4 decimal places");
        }
    }

    private void metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > 20) {
            fail("metadata", "must have at most 20 pairs");
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 40) {
                fail("metadata", "keys must be 1 to 40 characters");
            }
            if (value == null || value.length() > 500) {
                fail("metadata." + key, "must be a string of at most 500 characters");
            }
        });
    }

    private void required(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        }
    }

    private void text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            fail(field, "must be at most " + max + " characters");
        }
    }

    private void oneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            fail(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static int scale(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private void fail(String field, String message) {
        errors.add(new FieldViolation(field, message));
    }

    private void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
