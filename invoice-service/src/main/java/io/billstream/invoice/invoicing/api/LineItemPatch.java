package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;

/** The fields of a line item a PATCH changes; null leaves a field as it is. */
public record LineItemPatch(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                            BigDecimal taxRatePercent, String reference, PeriodData period, String taxCategory,
                            String taxExemptionReason) {

    public LineItemPatch(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                         BigDecimal taxRatePercent, String reference, PeriodData period) {
        this(description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, null, null);
    }
}
