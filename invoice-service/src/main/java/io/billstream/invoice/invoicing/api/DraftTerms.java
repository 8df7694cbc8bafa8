package io.billstream.invoice.invoicing.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The editable header of a draft. In a command that patches a draft, null leaves a field unchanged;
 * {@code dueInDays} and {@code dueDate} replace each other.
 */
public record DraftTerms(String customerId, String currency, String notes, String terms, Integer dueInDays,
                         LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                         Map<String, String> metadata) {

    /** A patch that changes nothing. */
    public static final DraftTerms NONE = new DraftTerms(null, null, null, null, null, null, null, null, null);
}
