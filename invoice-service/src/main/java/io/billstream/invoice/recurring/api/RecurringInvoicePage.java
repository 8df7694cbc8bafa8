package io.billstream.invoice.recurring.api;

import java.util.List;

public record RecurringInvoicePage(List<RecurringInvoiceResponse> data, String nextCursor) {
}
