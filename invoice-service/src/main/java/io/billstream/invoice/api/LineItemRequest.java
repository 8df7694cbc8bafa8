package io.billstream.invoice.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;

/** A line item in a request (SPEC §5, §14); in a PATCH every field is optional. */
public record LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                              BigDecimal taxRatePercent, String reference, PeriodData period, String taxCategory,
                              String taxExemptionReason) {

    @JsonCreator
    public LineItemRequest {
    }

    public LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                           BigDecimal taxRatePercent, String reference, PeriodData period) {
        this(description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, null, null);
    }
}
