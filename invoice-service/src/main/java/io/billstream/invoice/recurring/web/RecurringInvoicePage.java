package io.billstream.invoice.recurring.web;

import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import java.util.List;

public record RecurringInvoicePage(List<RecurringInvoiceView> data, String nextCursor) {
}
