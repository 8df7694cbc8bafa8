package io.billstream.invoice.invoicing.web;

import java.util.List;

public record InvoiceHistory(List<HistoryEntry> data) {
}
