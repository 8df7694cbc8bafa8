package io.billstream.invoice.invoicing.domain;

import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * One credit note of an invoice as its events leave it: what {@link CreditNoteIssued} decided, plus how much of its
 * refund payment-service has made ({@code payment.refunded} with this credit note's id) or reported as impossible.
 */
public record CreditNote(CreditNoteIssued issued, Instant createdAt, BigDecimal refunded, BigDecimal unrefunded) {

    public static final String REFUND_NONE = "none";
    public static final String REFUND_PENDING = "pending";
    public static final String REFUND_SUCCEEDED = "succeeded";
    public static final String REFUND_FAILED = "failed";

    static CreditNote issued(CreditNoteIssued e, Instant at) {
        return new CreditNote(e, at, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    CreditNote refunded(BigDecimal amount) {
        return new CreditNote(issued, createdAt, refunded.add(amount), unrefunded);
    }

    CreditNote failed(BigDecimal amount) {
        return new CreditNote(issued, createdAt, refunded, amount);
    }

    public String id() {
        return issued.creditNoteId();
    }

    public String refundStatus() {
        if (issued.refundAmount().signum() == 0) {
            return REFUND_NONE;
        }
        if (unrefunded.signum() > 0) {
            return REFUND_FAILED;
        }
        return refunded.compareTo(issued.refundAmount()) >= 0 ? REFUND_SUCCEEDED : REFUND_PENDING;
    }

    /** EN 16931 tax category of a rate: S standard, Z zero-rated, O not subject to tax (no rate on the line). */
    public static String taxCategory(BigDecimal ratePercent) {
        if (ratePercent == null) {
            return "O";
        }
        return ratePercent.signum() == 0 ? "Z" : "S";
    }

    public CreditNoteData toData(InvoiceState invoice) {
        Currency currency = invoice.currency();
        CreditNoteIssued e = issued;
        var lines = e.lines().stream().map(l -> {
            LineItem credited = creditedLine(invoice, l.lineItemId(), l.taxRatePercent());
            return new CreditNoteData.CreditNoteLineData(l.lineItemId(),
                    l.description(), l.kind(), plain(l.quantity()), l.unit(), money(l.unitPrice(), currency),
                    l.taxRatePercent() == null ? null : plain(l.taxRatePercent()),
                    credited == null ? taxCategory(l.taxRatePercent()) : credited.effectiveTaxCategory(),
                    l.reference(), l.period(), money(l.amount(), currency),
                    credited == null ? null : credited.taxExemptionReason());
        }).toList();
        var taxes = e.taxBreakdown().stream().map(t -> {
            LineItem credited = creditedLine(invoice, null, t.ratePercent());
            return new CreditNoteData.CreditNoteTaxData(plain(t.ratePercent()),
                    credited == null ? taxCategory(t.ratePercent()) : credited.effectiveTaxCategory(),
                    money(t.base(), currency), money(t.tax(), currency));
        }).toList();
        return new CreditNoteData(e.creditNoteId(), e.number(), invoice.id(), invoice.number(), invoice.issueDate(),
                invoice.customerId(), invoice.customer(), invoice.seller(), currency.getCurrencyCode(), lines,
                money(e.subtotal(), currency), taxes, money(e.taxTotal(), currency), money(e.total(), currency),
                money(e.creditedAmount(), currency), money(e.refundAmount(), currency), money(refunded, currency),
                refundStatus(), e.reason(), e.memo(), e.issueDate(), createdAt);
    }

    /**
     * The invoice line a credited line stands for, whose tax category and exemption reason (API contract §14) it keeps; a
     * line of a bare-amount credit (no line id) stands for the invoice's lines of its rate.
     */
    private static LineItem creditedLine(InvoiceState invoice, String lineItemId, BigDecimal ratePercent) {
        if (lineItemId != null) {
            return invoice.lines().get(lineItemId);
        }
        return invoice.lines().values().stream()
                .filter(line -> ratePercent == null ? line.taxRatePercent() == null
                        : line.taxRatePercent() != null && line.taxRatePercent().compareTo(ratePercent) == 0)
                .findFirst().orElse(null);
    }

    private static String money(BigDecimal amount, Currency currency) {
        return new Money(amount, currency).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return InvoiceState.normalized(value).toPlainString();
    }
}
