package io.billstream.invoice.invoicing.web;

import java.math.BigDecimal;
import java.util.List;

/** The body of POST /v1/invoices/{id}/credit-notes (API contract §13). */
public record CreditNoteRequest(List<Line> lines, BigDecimal amount, String reason, String memo) {

    public record Line(String lineItemId, BigDecimal quantity, BigDecimal amount) {
    }
}
