package io.billstream.platform.events.data;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One invoice line; decimal values are strings (exact), {@code kind} is "service" or "expense".
 * {@code taxCategory} is the EN 16931 VAT category (API contract §14: S, Z, E, AE, K, O), always set by current producers
 * (defaulted from the rate when the line has none: S above 0, Z at 0, O without a rate); {@code taxExemptionReason}
 * is the reason text the category needs. Both are null in events from before e-invoices.
 */
public record LineItemData(String id, String description, String kind, String quantity, String unit,
                           String unitPrice, String taxRatePercent, String reference, PeriodData period,
                           String amount, String taxCategory, String taxExemptionReason) {

    /** Explicit, because the record has a second constructor and Jackson must keep using this one. */
    @JsonCreator
    public LineItemData {
    }

    /** The shape before the e-invoice fields. */
    public LineItemData(String id, String description, String kind, String quantity, String unit, String unitPrice,
                        String taxRatePercent, String reference, PeriodData period, String amount) {
        this(id, description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, amount, null, null);
    }
}
