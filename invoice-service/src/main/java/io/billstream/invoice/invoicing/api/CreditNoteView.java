package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.CreditNoteData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note as the API shows it (API contract §13), plus the credited invoice's number, the customer, the currency and
 * how its refund stands ({@code refundStatus} none|pending|succeeded|failed, {@code refundedAmount}).
 */
public record CreditNoteView(String id, String number, String invoiceId, String invoiceNumber, String customerId,
                                 String currency, List<CreditNoteData.CreditNoteLineData> lines, String subtotal,
                                 List<CreditNoteData.CreditNoteTaxData> taxBreakdown, String taxTotal, String total,
                                 String creditedAmount, String refundAmount, String refundedAmount,
                                 String refundStatus, String reason, String memo, LocalDate issueDate,
                                 Instant createdAt) {

    public static CreditNoteView from(CreditNoteData d) {
        return new CreditNoteView(d.id(), d.number(), d.invoiceId(), d.invoiceNumber(), d.customerId(),
                d.currency(), d.lines(), d.subtotal(), d.taxBreakdown(), d.taxTotal(), d.total(), d.creditedAmount(),
                d.refundAmount(), d.refundedAmount(), d.refundStatus(), d.reason(), d.memo(), d.issueDate(),
                d.createdAt());
    }
}
