package io.billstream.document.einvoice.domain;

import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.PeriodData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What an e-invoice shows, taken from an invoice snapshot or a credit note snapshot alone (both travel whole in the
 * integration events). Amounts are the API's, as exact decimals; the writer checks that the e-invoice's own
 * arithmetic arrives at the same figures.
 */
public record EInvoiceSource(
        boolean creditNote,
        String number,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        PartyData seller,
        PartyData buyer,
        String buyerReference,
        List<Line> lines,
        BigDecimal lateFees,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        BigDecimal amountDue,
        String invoiceNumber,
        LocalDate invoiceIssueDate,
        String note) {

    /** One line; {@code taxRatePercent} null = no rate on the line. */
    public record Line(String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
                       BigDecimal taxRatePercent, String taxCategory, String taxExemptionReason, PeriodData period,
                       BigDecimal amount) {
    }

    public static EInvoiceSource of(InvoiceData invoice) {
        List<Line> lines = new ArrayList<>();
        for (LineItemData l : invoice.lineItems()) {
            BigDecimal rate = decimal(l.taxRatePercent());
            lines.add(new Line(l.description(), decimal(l.quantity()), l.unit(), decimal(l.unitPrice()), rate,
                    l.taxCategory() != null ? l.taxCategory() : defaultCategory(rate), l.taxExemptionReason(),
                    l.period(), decimal(l.amount())));
        }
        PartyData buyer = invoice.customer();
        return new EInvoiceSource(false, invoice.number(), invoice.issueDate(), invoice.dueDate(), invoice.currency(),
                invoice.seller(), buyer, buyer == null ? null : buyer.buyerReference(), lines,
                decimalOrZero(invoice.lateFees()), decimal(invoice.subtotal()), decimalOrZero(invoice.taxTotal()),
                decimal(invoice.total()), decimal(invoice.amountDue()), null, null, invoice.notes());
    }

    public static EInvoiceSource of(CreditNoteData note) {
        List<Line> lines = new ArrayList<>();
        for (CreditNoteData.CreditNoteLineData l : note.lines()) {
            BigDecimal rate = decimal(l.taxRatePercent());
            lines.add(new Line(l.description(), decimal(l.quantity()), l.unit(), decimal(l.unitPrice()), rate,
                    l.taxCategory() != null ? l.taxCategory() : defaultCategory(rate), l.taxExemptionReason(),
                    l.period(), decimal(l.amount())));
        }
        PartyData buyer = note.customer();
        String memo = note.memo() == null || note.memo().isBlank() ? "" : " " + note.memo();
        // A credit note settles nothing by itself: what it credits is all "due" back to the buyer.
        return new EInvoiceSource(true, note.number(), note.issueDate(), null, note.currency(), note.seller(), buyer,
                buyer == null ? null : buyer.buyerReference(), lines, BigDecimal.ZERO, decimal(note.subtotal()),
                decimalOrZero(note.taxTotal()), decimal(note.total()), decimal(note.total()), note.invoiceNumber(),
                note.invoiceIssueDate(), "Credit note for invoice " + note.invoiceNumber() + ": "
                        + (note.reason() == null ? "other" : note.reason().replace('_', ' ')) + "." + memo);
    }

    /** S above 0 %, Z at 0 %, O without a rate: the default of lines stored without a category (docs). */
    static String defaultCategory(BigDecimal rate) {
        if (rate == null) {
            return "O";
        }
        return rate.signum() == 0 ? "Z" : "S";
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static BigDecimal decimalOrZero(String value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }
}
