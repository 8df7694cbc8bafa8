package io.billstream.invoice.api;

import java.util.List;

public record InvoiceHistory(List<HistoryEntry> data) {
}
