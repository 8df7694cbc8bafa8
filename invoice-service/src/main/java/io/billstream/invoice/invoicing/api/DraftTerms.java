package io.billstream.invoice.invoicing.api;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The editable header of a draft. In a command that patches a draft, null leaves a field unchanged;
 * {@code dueInDays} and {@code dueDate} replace each other. {@code buyerReference} (API contract §14, e.g. a Leitweg-ID)
 * overrides the customer's; events stored before it existed read it as null.
 */
public record DraftTerms(String customerId, String currency, String notes, String terms, Integer dueInDays,
                         LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                         Map<String, String> metadata, String buyerReference) {

    /** A patch that changes nothing. */
    public static final DraftTerms NONE = new DraftTerms(null, null, null, null, null, null, null, null, null, null);

    @JsonCreator
    public DraftTerms {
    }

    public DraftTerms(String customerId, String currency, String notes, String terms, Integer dueInDays,
                      LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                      Map<String, String> metadata) {
        this(customerId, currency, notes, terms, dueInDays, dueDate, lateFeePercentPerMonth, reference, metadata, null);
    }
}
