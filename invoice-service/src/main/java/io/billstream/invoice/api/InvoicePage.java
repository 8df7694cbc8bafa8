package io.billstream.invoice.api;

import java.util.List;

public record InvoicePage(List<InvoiceResponse> data, String nextCursor) {
}
