package io.billstream.invoice.invoicing.web;

import io.billstream.platform.events.data.PeriodData;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A line item in a request (the API contract, invoices); in a PATCH every field is optional, so the required-ness
 * of a field is the {@link InvoiceConstraints.Complete} group, validated only where a whole line is sent.
 */
public record LineItemRequest(
        @NotNull(groups = InvoiceConstraints.Complete.class, message = "is required")
        @Pattern(regexp = InvoiceInput.NOT_BLANK, message = "is required")
        @Size(max = 500, message = "must be at most 500 characters") String description,
        @NotNull(groups = InvoiceConstraints.Complete.class, message = "must be one of expense, service")
        @Pattern(regexp = "service|expense", message = "must be one of expense, service") String kind,
        @NotNull(groups = InvoiceConstraints.Complete.class, message = "is required")
        @InvoiceConstraints.Quantity BigDecimal quantity,
        @Pattern(regexp = "hour|day|item|month", message = "must be one of day, hour, item, month") String unit,
        @NotNull(groups = InvoiceConstraints.Complete.class, message = "is required")
        @InvoiceConstraints.UnitPrice BigDecimal unitPrice,
        @InvoiceConstraints.Percent BigDecimal taxRatePercent,
        @Size(max = 100, message = "must be at most 100 characters") String reference,
        @InvoiceConstraints.Period PeriodData period) {
}
