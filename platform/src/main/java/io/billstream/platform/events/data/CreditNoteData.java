package io.billstream.platform.events.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code data} of credit_note.issued (docs/api-reference.md §13): the whole credit note with everything a PDF, a refund or a later
 * e-invoice of type 381 needs — the parties and the credited invoice's number and date as snapshotted on the invoice,
 * every credited line with its kind, tax rate and tax category, and the tax breakdown per rate — so no consumer
 * calls back. Amounts are decimal strings in {@code currency}. {@code total = creditedAmount + refundAmount}:
 * {@code creditedAmount} lowered the invoice's amount due, {@code refundAmount} is to be paid back against the
 * invoice's payments. {@code refundStatus} is "none", "pending", "succeeded" or "failed".
 */
public record CreditNoteData(
        String id,
        String number,
        String invoiceId,
        String invoiceNumber,
        LocalDate invoiceIssueDate,
        String customerId,
        PartyData customer,
        PartyData seller,
        String currency,
        List<CreditNoteLineData> lines,
        String subtotal,
        List<CreditNoteTaxData> taxBreakdown,
        String taxTotal,
        String total,
        String creditedAmount,
        String refundAmount,
        String refundedAmount,
        String refundStatus,
        String reason,
        String memo,
        LocalDate issueDate,
        Instant createdAt) {

    /**
     * One credited line. {@code lineItemId} is the credited invoice line, null for a line of a bare-amount credit
     * (one per tax rate). {@code amount} is net (quantity × unitPrice, before tax), like an invoice line's.
     * {@code taxCategory} is the EN 16931 code of the credited line (defaulted from the rate like invoice lines: "S"
     * rate > 0, "Z" rate 0, "O" no rate); {@code taxExemptionReason} the credited line's reason text (added with
     * e-invoices, null before).
     */
    public record CreditNoteLineData(String lineItemId, String description, String kind, String quantity,
                                     String unit, String unitPrice, String taxRatePercent, String taxCategory,
                                     String reference, PeriodData period, String amount, String taxExemptionReason) {

        /** Explicit, because the record has a second constructor and Jackson must keep using this one. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public CreditNoteLineData {
        }

        /** The shape before e-invoices. */
        public CreditNoteLineData(String lineItemId, String description, String kind, String quantity, String unit,
                                  String unitPrice, String taxRatePercent, String taxCategory, String reference,
                                  PeriodData period, String amount) {
            this(lineItemId, description, kind, quantity, unit, unitPrice, taxRatePercent, taxCategory, reference,
                    period, amount, null);
        }
    }

    /** Tax per rate on the credited base of that rate; untaxed lines have no row (as on invoices). */
    public record CreditNoteTaxData(String ratePercent, String taxCategory, String base, String tax) {
    }
}
