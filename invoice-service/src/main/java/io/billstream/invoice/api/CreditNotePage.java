package io.billstream.invoice.api;

import java.util.List;

public record CreditNotePage(List<CreditNoteResponse> data, String nextCursor) {
}
