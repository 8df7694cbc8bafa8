package io.billstream.invoice.invoicing.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of POST /v1/invoices/{id}/credit-notes (API contract §13). Shape rules only; the amounts against the
 * invoice are the aggregate's (CreditNoteCalculator). An amount or quantity is bounded before any arithmetic
 * ("1E+999999999" is a valid JSON number).
 */
public record CreditNoteRequest(
        @Size(max = MAX_LINES, message = "must have at most " + MAX_LINES + " items")
        List<@NotNull(message = "is required") @Valid Line> lines,
        @Digits(integer = MAX_INTEGER_DIGITS, fraction = Integer.MAX_VALUE, message = TOO_LARGE) BigDecimal amount,
        @NotNull(message = "is required")
        @Pattern(regexp = "duplicate|order_change|product_unsatisfactory|fraudulent|other",
                message = "must be one of duplicate, order_change, product_unsatisfactory, fraudulent, other")
        String reason,
        @Size(max = MAX_MEMO, message = "must be at most " + MAX_MEMO + " characters") String memo) {

    static final int MAX_MEMO = 10_000;
    static final int MAX_LINES = 500;
    static final int MAX_INTEGER_DIGITS = 12;
    static final String TOO_LARGE = "must be less than 10^" + MAX_INTEGER_DIGITS;

    public record Line(
            String lineItemId,
            @Digits(integer = MAX_INTEGER_DIGITS, fraction = Integer.MAX_VALUE, message = TOO_LARGE) BigDecimal quantity,
            @Digits(integer = MAX_INTEGER_DIGITS, fraction = Integer.MAX_VALUE, message = TOO_LARGE) BigDecimal amount) {
    }
}
