package io.billstream.invoice.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.PeriodData;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** A line item in a request (SPEC §5, §14); in a PATCH every field is optional. */
public record LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                              BigDecimal taxRatePercent, String reference, PeriodData period,
                              @Schema(description = "EN 16931 VAT category; default S when taxRatePercent > 0, Z at 0, "
                                      + "O without a rate", allowableValues = {"S", "Z", "E", "AE", "K", "O"})
                              String taxCategory,
                              @Schema(description = "Why no VAT is charged; required for E, AE, K and O",
                                      maxLength = 500)
                              String taxExemptionReason) {

    @JsonCreator
    public LineItemRequest {
    }

    public LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                           BigDecimal taxRatePercent, String reference, PeriodData period) {
        this(description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, null, null);
    }
}
