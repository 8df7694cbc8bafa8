package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.customers.web.CustomerConstraints;
import io.billstream.invoice.settings.web.SettingsConstraints;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** PATCH of a draft: absent (or null) fields stay as they are. */
@InvoiceConstraints.DueTerms
public record UpdateInvoiceRequest(
        @Pattern(regexp = InvoiceInput.NOT_BLANK, message = "is required") String customerId,
        @SettingsConstraints.Currency(message = InvoiceInput.CURRENCY_MESSAGE) String currency,
        @Size(max = 10_000, message = "must be at most 10000 characters") String notes,
        @Size(max = 10_000, message = "must be at most 10000 characters") String terms,
        @Min(value = 0, message = InvoiceConstraints.DUE_DAYS_MESSAGE)
        @Max(value = InvoiceConstraints.MAX_DUE_DAYS, message = InvoiceConstraints.DUE_DAYS_MESSAGE) Integer dueInDays,
        LocalDate dueDate,
        @InvoiceConstraints.Percent BigDecimal lateFeePercentPerMonth,
        @Size(max = 100, message = "must be at most 100 characters") String reference,
        @CustomerConstraints.Metadata Map<String, String> metadata,
        @Size(max = 200, message = "must be at most 200 characters") String buyerReference)
        implements InvoiceConstraints.HasDueTerms {

    @com.fasterxml.jackson.annotation.JsonCreator
    public UpdateInvoiceRequest {
    }

    public UpdateInvoiceRequest(String customerId, String currency, String notes, String terms, Integer dueInDays,
                                LocalDate dueDate, BigDecimal lateFeePercentPerMonth, String reference,
                                Map<String, String> metadata) {
        this(customerId, currency, notes, terms, dueInDays, dueDate, lateFeePercentPerMonth, reference, metadata,
                null);
    }
}
