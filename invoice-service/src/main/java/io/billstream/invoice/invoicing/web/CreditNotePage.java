package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.invoicing.api.CreditNoteView;
import java.util.List;

public record CreditNotePage(List<CreditNoteView> data, String nextCursor) {
}
