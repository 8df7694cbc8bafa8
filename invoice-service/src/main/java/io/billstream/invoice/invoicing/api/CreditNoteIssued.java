package io.billstream.invoice.invoicing.api;

import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note was issued against the invoice (API contract §13). It carries every figure the command decided (lines, tax
 * per rate, totals, the split into credited and refunded), so folding it never recomputes and the credit note reads
 * the same forever. {@code total = creditedAmount + refundAmount}.
 */
public record CreditNoteIssued(String invoiceId, String creditNoteId, String number, LocalDate issueDate,
                               String reason, String memo, List<Line> lines, List<Tax> taxBreakdown,
                               BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total, BigDecimal creditedAmount,
                               BigDecimal refundAmount) implements InvoiceEvent {

    public CreditNoteIssued numbered(String assigned) {
        return new CreditNoteIssued(invoiceId, creditNoteId, assigned, issueDate, reason, memo, lines, taxBreakdown,
                subtotal, taxTotal, total, creditedAmount, refundAmount);
    }

    /**
     * One credited line at the invoice line's tax rate; {@code amount} is net. {@code creditedQuantity} is set when the
     * line credits a quantity (it counts against the invoice line's quantity); {@code lateFees} marks the line of a
     * bare-amount credit that credits late fees.
     */
    public record Line(String lineItemId, String description, String kind, BigDecimal quantity, String unit,
                       BigDecimal unitPrice, BigDecimal taxRatePercent, String reference, PeriodData period,
                       BigDecimal amount, BigDecimal creditedQuantity, boolean lateFees) {
    }

    public record Tax(BigDecimal ratePercent, BigDecimal base, BigDecimal tax) {
    }
}
