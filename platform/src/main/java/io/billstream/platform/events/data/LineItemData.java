package io.billstream.platform.events.data;

/** One invoice line; decimal values are strings (exact), {@code kind} is "service" or "expense". */
public record LineItemData(String id, String description, String kind, String quantity, String unit,
                           String unitPrice, String taxRatePercent, String reference, PeriodData period,
                           String amount) {
}
