package io.billstream.invoice.invoicing.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;

/**
 * One invoice line as commands and events carry it: exact decimals, no computed amount (the amount follows
 * from quantity × unitPrice and the invoice currency, so it is derived when state is folded).
 * {@code taxCategory} and {@code taxExemptionReason} (API contract §14) are as given (null: defaulted from the rate when
 * the snapshot is taken); events stored before e-invoices read them as null.
 */
public record LineItem(String id, String description, String kind, BigDecimal quantity, String unit,
                       BigDecimal unitPrice, BigDecimal taxRatePercent, String reference, PeriodData period,
                       String taxCategory, String taxExemptionReason) {

    @JsonCreator
    public LineItem {
    }

    public LineItem(String id, String description, String kind, BigDecimal quantity, String unit,
                    BigDecimal unitPrice, BigDecimal taxRatePercent, String reference, PeriodData period) {
        this(id, description, kind, quantity, unit, unitPrice, taxRatePercent, reference, period, null, null);
    }

    /** The EN 16931 category this line is taxed under: as given, else S above 0 %, Z at 0 %, O without a rate. */
    public String effectiveTaxCategory() {
        if (taxCategory != null) {
            return taxCategory;
        }
        if (taxRatePercent == null) {
            return "O";
        }
        return taxRatePercent.signum() == 0 ? "Z" : "S";
    }

    /**
     * The tax rules of the API contract §14 for one whole line (also a PATCH merged into its line): S needs a rate above 0, every
     * other category a rate of 0 or none. Null when the line is fine.
     */
    public String taxCategoryProblem() {
        String category = effectiveTaxCategory();
        if ("S".equals(category)) {
            if (taxRatePercent == null || taxRatePercent.signum() <= 0) {
                return "S (standard rate) needs a taxRatePercent above 0";
            }
        } else if (taxRatePercent != null && taxRatePercent.signum() != 0) {
            return category + " is taxed at 0 %: taxRatePercent must be 0 or absent";
        }
        return null;
    }

    /** E, AE, K and O name why no VAT is charged (EN 16931 BR-E-10, BR-AE-10, BR-IC-10, BR-O-10). */
    public boolean missingExemptionReason() {
        return taxCategory != null && java.util.Set.of("E", "AE", "K", "O").contains(taxCategory)
                && (taxExemptionReason == null || taxExemptionReason.isBlank());
    }
}
