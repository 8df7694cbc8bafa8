package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.customers.web.CustomerConstraints;
import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.settings.web.SettingsConstraints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@InvoiceConstraints.DueTerms
public record CreateInvoiceRequest(
        @NotBlank(message = "is required") String customerId,
        @SettingsConstraints.Currency(message = InvoiceInput.CURRENCY_MESSAGE) String currency,
        @Size(max = Invoice.MAX_LINE_ITEMS, message = "must have at most " + Invoice.MAX_LINE_ITEMS + " items")
        List<@Valid LineItemRequest> lineItems,
        @Size(max = 10_000, message = "must be at most 10000 characters") String notes,
        @Size(max = 10_000, message = "must be at most 10000 characters") String terms,
        @Min(value = 0, message = InvoiceConstraints.DUE_DAYS_MESSAGE)
        @Max(value = InvoiceConstraints.MAX_DUE_DAYS, message = InvoiceConstraints.DUE_DAYS_MESSAGE) Integer dueInDays,
        LocalDate dueDate,
        @InvoiceConstraints.Percent BigDecimal lateFeePercentPerMonth,
        @Size(max = 100, message = "must be at most 100 characters") String reference,
        @CustomerConstraints.Metadata Map<String, String> metadata,
        @Size(max = 200, message = "must be at most 200 characters") String buyerReference,
        Boolean issue)
        implements InvoiceConstraints.HasDueTerms {

    @com.fasterxml.jackson.annotation.JsonCreator
    public CreateInvoiceRequest {
    }

    public CreateInvoiceRequest(String customerId, String currency, List<LineItemRequest> lineItems, String notes,
                                String terms, Integer dueInDays, LocalDate dueDate,
                                BigDecimal lateFeePercentPerMonth, String reference, Map<String, String> metadata) {
        this(customerId, currency, lineItems, notes, terms, dueInDays, dueDate, lateFeePercentPerMonth, reference,
                metadata, null, null);
    }

    public boolean issueNow() {
        return Boolean.TRUE.equals(issue);
    }
}
