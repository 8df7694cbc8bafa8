package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;

/**
 * One invoice line as commands and events carry it: exact decimals, no computed amount (the amount follows
 * from quantity × unitPrice and the invoice currency, so it is derived when state is folded).
 */
public record LineItem(String id, String description, String kind, BigDecimal quantity, String unit,
                       BigDecimal unitPrice, BigDecimal taxRatePercent, String reference, PeriodData period) {
}
