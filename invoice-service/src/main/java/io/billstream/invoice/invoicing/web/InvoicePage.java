package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.invoicing.api.InvoiceView;
import java.util.List;

public record InvoicePage(List<InvoiceView> data, String nextCursor) {
}
