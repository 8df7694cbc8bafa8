package io.billstream.platform.events.data;

public record TaxLineData(String ratePercent, String base, String tax) {
}
