package io.billstream.invoice.invoicing.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.PeriodData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A line item in a request (the API contract, invoices and §14); in a PATCH every field is optional, so the required-ness
 * of a field is the {@link InvoiceConstraints.Complete} group, validated only where a whole line is sent.
 */
@InvoiceConstraints.LineTax(groups = InvoiceConstraints.Complete.class)
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
        @InvoiceConstraints.Period PeriodData period,
        @Schema(description = "EN 16931 VAT category; default S when taxRatePercent > 0, Z at 0, O without a rate",
                allowableValues = {"S", "Z", "E", "AE", "K", "O"})
        @Pattern(regexp = InvoiceConstraints.TAX_CATEGORY_PATTERN, message = InvoiceConstraints.TAX_CATEGORY_MESSAGE)
        String taxCategory,
        @Schema(description = "Why no VAT is charged; required for E, AE, K and O", maxLength = 500)
        @Size(max = 500, message = "must be at most 500 characters") String taxExemptionReason) {

    @JsonCreator
    public LineItemRequest {
    }

    public LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                           BigDecimal taxRatePercent, String reference, PeriodData period) {
        this(description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, null, null);
    }
}
