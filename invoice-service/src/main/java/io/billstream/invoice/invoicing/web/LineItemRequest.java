package io.billstream.invoice.invoicing.web;

import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;

/** A line item in a request (SPEC §5); in a PATCH every field is optional. */
public record LineItemRequest(String description, String kind, BigDecimal quantity, String unit, BigDecimal unitPrice,
                              BigDecimal taxRatePercent, String reference, PeriodData period) {
}
